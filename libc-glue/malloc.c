/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * malloc and its family over the platform's allocator (mm_malloc), in
 * place of newlib's own (which would grow through sbrk). Each block
 * carries a small header before the pointer handed out, so realloc knows
 * the old size. No locks: platform threads are cooperative and mm_malloc
 * never blocks.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rumpxen/mm.h>

/* Sits right before every pointer handed out. */
struct block {
    void *base;  /* what mm_malloc returned */
    size_t size; /* what the caller asked for */
};

#define MIN_ALIGN 16

static struct block *
block_of(void *p)
{
    return (struct block *)p - 1;
}

/* size bytes aligned to align (a power of two); NULL with errno on r. */
static void *
block_alloc(struct _reent *r, size_t size, size_t align)
{
    char *base, *p;

    if (align < MIN_ALIGN)
        align = MIN_ALIGN;
    if ((align & (align - 1)) != 0) {
        r->_errno = EINVAL;
        return NULL;
    }
    if (size > SIZE_MAX - align ||
        (base = mm_malloc(size + align, align)) == NULL) {
        r->_errno = ENOMEM;
        return NULL;
    }
    p = base + align;
    block_of(p)->base = base;
    block_of(p)->size = size;
    return p;
}

void *
_malloc_r(struct _reent *r, size_t size)
{
    return block_alloc(r, size, 0);
}

void
_free_r(struct _reent *r, void *p)
{
    (void)r;
    if (p != NULL)
        mm_free(block_of(p)->base);
}

void *
_calloc_r(struct _reent *r, size_t n, size_t size)
{
    void *p;

    if (size != 0 && n > SIZE_MAX / size) {
        r->_errno = ENOMEM;
        return NULL;
    }
    if ((p = block_alloc(r, n * size, 0)) != NULL)
        memset(p, 0, n * size);
    return p;
}

void *
_realloc_r(struct _reent *r, void *old, size_t size)
{
    void *p;
    size_t keep;

    if (old == NULL)
        return block_alloc(r, size, 0);
    if (size == 0) {
        _free_r(r, old);
        return NULL;
    }
    if ((p = block_alloc(r, size, 0)) == NULL)
        return NULL;
    keep = block_of(old)->size < size ? block_of(old)->size : size;
    memcpy(p, old, keep);
    _free_r(r, old);
    return p;
}

void *
_memalign_r(struct _reent *r, size_t align, size_t size)
{
    return block_alloc(r, size, align);
}

size_t
_malloc_usable_size_r(struct _reent *r, void *p)
{
    (void)r;
    return p != NULL ? block_of(p)->size : 0;
}

void *
malloc(size_t size)
{
    return _malloc_r(_REENT, size);
}

void
free(void *p)
{
    _free_r(_REENT, p);
}

void *
calloc(size_t n, size_t size)
{
    return _calloc_r(_REENT, n, size);
}

void *
realloc(void *p, size_t size)
{
    return _realloc_r(_REENT, p, size);
}

void *
memalign(size_t align, size_t size)
{
    return _memalign_r(_REENT, align, size);
}

size_t
malloc_usable_size(void *p)
{
    return _malloc_usable_size_r(_REENT, p);
}
