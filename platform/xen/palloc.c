/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The allocator logic behind mm.c: a first-fit bitmap page allocator with
 * alignment, per-page metadata so that frees need no size, and size classes
 * of 16..2048 bytes carved from single pages. No hypercalls: host-tested.
 */
#include <rumpxen/lib.h>

#include "palloc_priv.h"

#define NONE UINT32_MAX
#define BITS 64
#define FREE_TAG PALLOC_FREE_TAG

struct free_obj {
    uint64_t next_off;
    uint64_t tag; /* FREE_TAG ^ own address while free */
};

size_t
palloc_meta_bytes(size_t npages)
{
    return npages * sizeof(struct palloc_page) +
           (npages + BITS - 1) / BITS * sizeof(uint64_t);
}

/* --- bitmap ---------------------------------------------------------- */

static int
bit_test(const struct palloc *pa, size_t i)
{
    return (pa->bitmap[i / BITS] >> (i % BITS)) & 1;
}

static void
bits_set(struct palloc *pa, size_t i, size_t n, int value)
{
    for (; n > 0 && i % BITS; i++, n--)
        pa->bitmap[i / BITS] ^= (uint64_t)(bit_test(pa, i) != value)
                                << (i % BITS);
    for (; n >= BITS; i += BITS, n -= BITS)
        pa->bitmap[i / BITS] = value ? ~0ULL : 0;
    for (; n > 0; i++, n--)
        pa->bitmap[i / BITS] ^= (uint64_t)(bit_test(pa, i) != value)
                                << (i % BITS);
}

/* The first index in [from, to) whose bit equals value, or to. */
static size_t
bits_find(const struct palloc *pa, size_t from, size_t to, int value)
{
    size_t i = from;

    while (i < to) {
        uint64_t w = pa->bitmap[i / BITS];

        if (!value)
            w = ~w;
        w &= ~0ULL << (i % BITS);
        if (w != 0) {
            i = i / BITS * BITS + (size_t)__builtin_ctzll(w);
            return i < to ? i : to;
        }
        i = (i / BITS + 1) * BITS;
    }
    return to;
}

/* --- page runs ------------------------------------------------------- */

static uintptr_t
page_addr(const struct palloc *pa, size_t i)
{
    return pa->base + (i << PALLOC_PAGE_SHIFT);
}

/* The smallest index >= i whose absolute page number is a multiple of align. */
static size_t
align_index(const struct palloc *pa, size_t i, size_t align)
{
    uintptr_t pfn = (pa->base >> PALLOC_PAGE_SHIFT) + i;

    return ((pfn + align - 1) & ~(uintptr_t)(align - 1)) -
           (pa->base >> PALLOC_PAGE_SHIFT);
}

/* Takes n pages aligned to align; returns the first index or SIZE_MAX. */
static size_t
take_pages(struct palloc *pa, size_t n, size_t align, uint8_t kind)
{
    size_t i, used;

    if (n == 0 || n > pa->nfree || align > (1UL << 32))
        return SIZE_MAX;
    i = align_index(pa, pa->hint, align);
    while (i < pa->npages && pa->npages - i >= n) {
        used = bits_find(pa, i, i + n, 1);
        if (used == i + n)
            goto found;
        i = bits_find(pa, used + 1, pa->npages, 0);
        if (i >= pa->npages)
            break;
        i = align_index(pa, i, align);
    }
    return SIZE_MAX;

found:
    bits_set(pa, i, n, 1);
    pa->nfree -= n;
    if (i == pa->hint)
        pa->hint = i + n;
    pa->meta[i] = (struct palloc_page){.kind = kind, .next = (uint32_t)n};
    for (size_t j = 1; j < n; j++)
        pa->meta[i + j] = (struct palloc_page){.kind = PALLOC_TAIL};
    return i;
}

static void
release_pages(struct palloc *pa, size_t i, size_t n)
{
    for (size_t j = 0; j < n; j++)
        pa->meta[i + j] = (struct palloc_page){.kind = PALLOC_UNUSED};
    bits_set(pa, i, n, 0);
    pa->nfree += n;
    if (i < pa->hint)
        pa->hint = i;
}

void
palloc_init(struct palloc *pa, uintptr_t base, size_t npages, void *mem)
{
    *pa = (struct palloc){
        .base = base,
        .npages = npages,
        .meta = mem,
        .bitmap =
            (uint64_t *)((char *)mem + npages * sizeof(struct palloc_page)),
        .hint = npages,
    };
    memset(pa->meta, 0, npages * sizeof(struct palloc_page));
    memset(pa->bitmap, 0xff, (npages + BITS - 1) / BITS * sizeof(uint64_t));
    for (int c = 0; c < PALLOC_NCLASSES; c++)
        pa->partial[c] = NONE;
}

void
palloc_add_free(struct palloc *pa, uintptr_t addr, size_t n)
{
    size_t i = (addr - pa->base) >> PALLOC_PAGE_SHIFT;

    for (size_t j = i; j < i + n; j++) {
        if (!bit_test(pa, j))
            continue; /* already free: count it once */
        pa->total++;
        pa->nfree++;
    }
    bits_set(pa, i, n, 0);
    if (n > 0 && i < pa->hint)
        pa->hint = i;
}

int
palloc_in_window(const struct palloc *pa, uintptr_t addr)
{
    return addr >= pa->base &&
           (addr - pa->base) >> PALLOC_PAGE_SHIFT < pa->npages;
}

void *
palloc_pages(struct palloc *pa, size_t n, size_t align)
{
    size_t i;

    if (align == 0)
        align = 1;
    if (align & (align - 1))
        return NULL;
    i = take_pages(pa, n, align, PALLOC_RUN);
    return i == SIZE_MAX ? NULL : (void *)page_addr(pa, i);
}

/* Looks up the page of p: its index, or a palloc_error (negated). */
static long
page_of(const struct palloc *pa, const void *p)
{
    if (!palloc_in_window(pa, (uintptr_t)p))
        return -PALLOC_EOUTSIDE;
    return (long)(((uintptr_t)p - pa->base) >> PALLOC_PAGE_SHIFT);
}

/* Checks that page i starts a run of the wanted kind at p. */
static int
check_run(const struct palloc *pa, size_t i, const void *p, uint8_t kind)
{
    uint8_t k = pa->meta[i].kind;

    if (k == PALLOC_UNUSED)
        return PALLOC_ENOTALLOC;
    if (k == PALLOC_TAIL || ((uintptr_t)p & (PALLOC_PAGE_SIZE - 1)))
        return PALLOC_EMISALIGN;
    if (k != kind)
        return PALLOC_EKIND;
    return PALLOC_OK;
}

int
palloc_free_pages(struct palloc *pa, void *p, size_t n)
{
    long i = page_of(pa, p);
    int err;

    if (i < 0)
        return (int)-i;
    if ((err = check_run(pa, (size_t)i, p, PALLOC_RUN)) != PALLOC_OK)
        return err;
    if (pa->meta[i].next != n)
        return PALLOC_ESIZE;
    release_pages(pa, (size_t)i, n);
    return PALLOC_OK;
}

/* --- size classes ---------------------------------------------------- */

static void
partial_push(struct palloc *pa, uint32_t i)
{
    struct palloc_page *m = &pa->meta[i];

    m->prev = NONE;
    m->next = pa->partial[m->cls];
    if (m->next != NONE)
        pa->meta[m->next].prev = i;
    pa->partial[m->cls] = i;
}

static void
partial_remove(struct palloc *pa, uint32_t i)
{
    struct palloc_page *m = &pa->meta[i];

    if (m->prev != NONE)
        pa->meta[m->prev].next = m->next;
    else
        pa->partial[m->cls] = m->next;
    if (m->next != NONE)
        pa->meta[m->next].prev = m->prev;
}

/* Makes a fresh slab page of class cls and puts it on the partial list. */
static int
slab_new(struct palloc *pa, int cls)
{
    size_t size = 1UL << (PALLOC_MIN_SHIFT + cls);
    size_t i = take_pages(pa, 1, 1, PALLOC_SLAB);
    char *page;

    if (i == SIZE_MAX)
        return -1;
    page = (char *)page_addr(pa, i);
    pa->meta[i].cls = (uint8_t)cls;
    pa->meta[i].free_off = 1;
    for (size_t off = 0; off < PALLOC_PAGE_SIZE; off += size) {
        struct free_obj *o = (struct free_obj *)(page + off);

        o->next_off = off + size < PALLOC_PAGE_SIZE ? off + size + 1 : 0;
        o->tag = FREE_TAG ^ (uintptr_t)o;
    }
    partial_push(pa, (uint32_t)i);
    return 0;
}

static void *
slab_alloc(struct palloc *pa, int cls)
{
    struct palloc_page *m;
    struct free_obj *o;
    uint32_t i;

    if (pa->partial[cls] == NONE && slab_new(pa, cls) != 0)
        return NULL;
    i = pa->partial[cls];
    m = &pa->meta[i];
    o = (struct free_obj *)(page_addr(pa, i) + m->free_off - 1);
    m->free_off = (uint16_t)o->next_off;
    o->tag = 0;
    m->inuse++;
    if (m->free_off == 0)
        partial_remove(pa, i);
    return o;
}

/* Whether o is on page i's free list; bounded by the objects per page. */
static int
slab_is_free(const struct palloc *pa, uint32_t i, const struct free_obj *o)
{
    uintptr_t page = page_addr(pa, i);
    uint64_t off = pa->meta[i].free_off;

    for (int n = 0; off != 0 && n < 256; n++) {
        if (page + off - 1 == (uintptr_t)o)
            return 1;
        off = ((const struct free_obj *)(page + off - 1))->next_off;
    }
    return 0;
}

static int
slab_free(struct palloc *pa, uint32_t i, void *p)
{
    struct palloc_page *m = &pa->meta[i];
    size_t size = 1UL << (PALLOC_MIN_SHIFT + m->cls);
    uintptr_t off = (uintptr_t)p - page_addr(pa, i);
    struct free_obj *o = p;
    int was_full = m->free_off == 0;

    if (off % size)
        return PALLOC_EMISALIGN;
    /* The tag is only a hint (the user may have stored it); confirm. */
    if (o->tag == (FREE_TAG ^ (uintptr_t)o) && slab_is_free(pa, i, o))
        return PALLOC_ENOTALLOC;
    if (m->inuse == 0)
        return PALLOC_ENOTALLOC;
    o->next_off = m->free_off;
    o->tag = FREE_TAG ^ (uintptr_t)o;
    m->free_off = (uint16_t)(off + 1);
    if (--m->inuse == 0) {
        /* An empty slab goes back to the page allocator at once. */
        if (!was_full)
            partial_remove(pa, i);
        release_pages(pa, i, 1);
    } else if (was_full) {
        partial_push(pa, i);
    }
    return PALLOC_OK;
}

void *
palloc_malloc(struct palloc *pa, size_t size, size_t align)
{
    size_t need, n, i;
    int cls = 0;

    if (align == 0)
        align = 16;
    if (align & (align - 1))
        return NULL;
    if (size == 0)
        size = 1;
    need = size < align ? align : size;
    if (need <= PALLOC_MAX_SMALL) {
        while ((1UL << (PALLOC_MIN_SHIFT + cls)) < need)
            cls++;
        return slab_alloc(pa, cls);
    }
    if (size > (pa->npages << PALLOC_PAGE_SHIFT))
        return NULL;
    n = (size + PALLOC_PAGE_SIZE - 1) >> PALLOC_PAGE_SHIFT;
    i = take_pages(pa, n, (align >> PALLOC_PAGE_SHIFT) ?: 1, PALLOC_MRUN);
    return i == SIZE_MAX ? NULL : (void *)page_addr(pa, i);
}

int
palloc_free(struct palloc *pa, void *p)
{
    long i = page_of(pa, p);
    int err;

    if (i < 0)
        return (int)-i;
    if (pa->meta[i].kind == PALLOC_SLAB)
        return slab_free(pa, (uint32_t)i, p);
    if ((err = check_run(pa, (size_t)i, p, PALLOC_MRUN)) != PALLOC_OK)
        return err;
    release_pages(pa, (size_t)i, pa->meta[i].next);
    return PALLOC_OK;
}

const char *
palloc_strerror(int err)
{
    switch (err) {
    case PALLOC_OK:
        return "no error";
    case PALLOC_EOUTSIDE:
        return "address outside the allocator's memory";
    case PALLOC_ENOTALLOC:
        return "not allocated (double free or wild pointer)";
    case PALLOC_EMISALIGN:
        return "not the start of an allocation";
    case PALLOC_EKIND:
        return "freed with the wrong function (pages vs. malloc)";
    case PALLOC_ESIZE:
        return "page count differs from the allocation";
    default:
        return "unknown error";
    }
}
