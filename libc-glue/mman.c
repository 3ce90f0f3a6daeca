/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Anonymous memory mappings for newlib programs: page-aligned, zeroed
 * blocks from the allocator (memalign), remembered in a list so munmap
 * frees whole mappings and rejects addresses that are none. No file or
 * shared mappings (ENODEV), no MAP_FIXED (EINVAL); protections are
 * accepted and not enforced. A partial munmap keeps the mapping.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "glue.h"

#define PAGE 4096u

struct mapping {
    struct mapping *next;
    uint8_t *base;
    size_t len;
};

static struct mapping *mappings;

/* Fails mmap with newlib errno e. */
static void *
map_fail(int e)
{
    glue_fail(e);
    return MAP_FAILED;
}

void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    struct mapping *m;
    size_t rounded = (len + PAGE - 1) & ~(size_t)(PAGE - 1);

    (void)addr;
    (void)prot;
    (void)off;
    if (len == 0 || rounded < len || (flags & MAP_FIXED))
        return map_fail(EINVAL);
    if (!(flags & MAP_ANON) || fd != -1 || (flags & MAP_SHARED))
        return map_fail(ENODEV);
    if ((m = malloc(sizeof(*m))) == NULL)
        return map_fail(ENOMEM);
    if ((m->base = memalign(PAGE, rounded)) == NULL) {
        free(m);
        return map_fail(ENOMEM);
    }
    memset(m->base, 0, rounded);
    m->len = rounded;
    m->next = mappings;
    mappings = m;
    return m->base;
}

int
munmap(void *addr, size_t len)
{
    uint8_t *a = addr;

    if (((uintptr_t)a & (PAGE - 1)) != 0 || len == 0)
        return glue_fail(EINVAL);
    for (struct mapping **p = &mappings; *p != NULL; p = &(*p)->next) {
        struct mapping *m = *p;

        if (a < m->base || a >= m->base + m->len)
            continue;
        if (a == m->base && len >= m->len) {
            *p = m->next;
            free(m->base);
            free(m);
        }
        return 0;
    }
    /* POSIX allows unmapping what is not mapped. */
    return 0;
}

int
mprotect(void *addr, size_t len, int prot)
{
    (void)addr;
    (void)len;
    (void)prot;
    return 0;
}

int
msync(void *addr, size_t len, int flags)
{
    (void)addr;
    (void)len;
    (void)flags;
    return 0;
}

int
madvise(void *addr, size_t len, int advice)
{
    (void)addr;
    (void)len;
    (void)advice;
    return 0;
}

int
mlock(const void *addr, size_t len)
{
    (void)addr;
    (void)len;
    return 0;
}

int
munlock(const void *addr, size_t len)
{
    (void)addr;
    (void)len;
    return 0;
}
