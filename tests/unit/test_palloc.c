/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the page and object allocator (palloc.c): patterns,
 * alignment, exhaustion and recovery, fragmentation, misuse detection, and
 * a long random sequence checked against a shadow map for overlaps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "palloc_priv.h"
#include "unit.h"

#define NPAGES 4096 /* 16 MiB window */
#define GRANULE 16

static struct palloc pa;
static char *mem;
static void *meta;
static uint32_t *shadow; /* owner id per 16-byte granule, 0 = none */
static size_t reserved_lo = 3, reserved_hi = 40; /* a hole: not RAM */

static void
setup(void)
{
    free(mem);
    free(meta);
    free(shadow);
    mem = aligned_alloc(2 << 20, NPAGES * PALLOC_PAGE_SIZE);
    meta = malloc(palloc_meta_bytes(NPAGES));
    shadow = calloc(NPAGES * PALLOC_PAGE_SIZE / GRANULE, sizeof(*shadow));
    palloc_init(&pa, (uintptr_t)mem, NPAGES, meta);
    /* Pages [3, 40) are never given: they stand for the image. */
    palloc_add_free(&pa, (uintptr_t)mem, reserved_lo);
    palloc_add_free(&pa, (uintptr_t)mem + reserved_hi * PALLOC_PAGE_SIZE,
                    NPAGES - reserved_hi);
    palloc_add_free(&pa, (uintptr_t)mem, 2); /* again: counted once */
}

static size_t
total(void)
{
    return NPAGES - (reserved_hi - reserved_lo);
}

/* Claims [p, p + size) in the shadow map; checks bounds and overlaps. */
static int
shadow_claim(const void *p, size_t size, uint32_t id)
{
    size_t off = (size_t)((const char *)p - mem);
    size_t page = off / PALLOC_PAGE_SIZE;

    if ((const char *)p < mem || off + size > NPAGES * PALLOC_PAGE_SIZE)
        return 0;
    if (page >= reserved_lo && page < reserved_hi)
        return 0;
    for (size_t g = off / GRANULE; g < (off + size + GRANULE - 1) / GRANULE;
         g++) {
        if (shadow[g] != 0)
            return 0;
        shadow[g] = id;
    }
    return 1;
}

static void
shadow_release(const void *p, size_t size)
{
    size_t off = (size_t)((const char *)p - mem);

    for (size_t g = off / GRANULE; g < (off + size + GRANULE - 1) / GRANULE;
         g++)
        shadow[g] = 0;
}

static void
test_pages(void)
{
    void *a, *b, *c;

    setup();
    CHECK(pa.total == total() && pa.nfree == total());
    a = palloc_pages(&pa, 1, 0);
    b = palloc_pages(&pa, 3, 1);
    CHECK(a == mem);                         /* lowest fit first */
    CHECK(b == mem + 40 * PALLOC_PAGE_SIZE); /* skips the hole */
    CHECK(pa.nfree == total() - 4);
    c = palloc_pages(&pa, 1, 0);
    CHECK(c == mem + PALLOC_PAGE_SIZE);
    CHECK(palloc_free_pages(&pa, a, 1) == PALLOC_OK);
    CHECK(palloc_free_pages(&pa, b, 3) == PALLOC_OK);
    CHECK(palloc_free_pages(&pa, c, 1) == PALLOC_OK);
    CHECK(pa.nfree == total());
    CHECK(palloc_pages(&pa, 0, 0) == NULL);
    CHECK(palloc_pages(&pa, 1, 3) == NULL);
    CHECK(palloc_pages(&pa, NPAGES, 0) == NULL);
    CHECK(palloc_pages(&pa, SIZE_MAX, 0) == NULL);
    CHECK(pa.nfree == total());
}

static void
test_alignment(void)
{
    static const size_t aligns[] = {2, 8, 64, 512};
    void *p, *filler;

    setup();
    filler = palloc_pages(&pa, 1, 0); /* so the lowest page is taken */
    for (size_t k = 0; k < sizeof(aligns) / sizeof(aligns[0]); k++) {
        p = palloc_pages(&pa, 5, aligns[k]);
        CHECK(p != NULL);
        CHECK((uintptr_t)p % (aligns[k] * PALLOC_PAGE_SIZE) == 0);
        CHECK(palloc_free_pages(&pa, p, 5) == PALLOC_OK);
    }
    for (size_t al = 1; al <= 16384; al <<= 1) {
        p = palloc_malloc(&pa, 24, al);
        CHECK(p != NULL && (uintptr_t)p % (al < 16 ? 16 : al) == 0);
        CHECK(palloc_free(&pa, p) == PALLOC_OK);
        p = palloc_malloc(&pa, 5000, al);
        CHECK(p != NULL && (uintptr_t)p % al == 0);
        CHECK(palloc_free(&pa, p) == PALLOC_OK);
    }
    CHECK(palloc_malloc(&pa, 8, 48) == NULL);
    CHECK(palloc_malloc(&pa, SIZE_MAX, 0) == NULL);
    CHECK(palloc_malloc(&pa, SIZE_MAX - 10, 4096) == NULL);
    p = palloc_malloc(&pa, 0, 0);
    CHECK(p != NULL && palloc_free(&pa, p) == PALLOC_OK);
    CHECK(palloc_free_pages(&pa, filler, 1) == PALLOC_OK);
    CHECK(pa.nfree == total());
}

/* Allocates pages or objects of one size until NULL; returns the count. */
static size_t
fill(void **v, size_t max, size_t size)
{
    size_t n = 0;

    while (n < max) {
        void *p = size ? palloc_malloc(&pa, size, 0) : palloc_pages(&pa, 1, 0);

        if (p == NULL)
            break;
        v[n++] = p;
    }
    return n;
}

static void
test_exhaustion(void)
{
    static void *v[NPAGES * 256];
    size_t n, n2;

    setup();
    n = fill(v, NPAGES, 0);
    CHECK(n == total());
    CHECK(pa.nfree == 0);
    CHECK(palloc_pages(&pa, 1, 0) == NULL);
    CHECK(palloc_malloc(&pa, 16, 0) == NULL);
    CHECK(palloc_malloc(&pa, 8192, 0) == NULL);
    for (size_t i = 0; i < n; i++)
        CHECK(palloc_free_pages(&pa, v[i], 1) == PALLOC_OK);
    CHECK(pa.nfree == total());

    /* Small objects: every page becomes a slab; all come back. */
    n = fill(v, sizeof(v) / sizeof(v[0]), 16);
    CHECK(n == total() * (PALLOC_PAGE_SIZE / 16));
    CHECK(pa.nfree == 0 && palloc_pages(&pa, 1, 0) == NULL);
    for (size_t i = 0; i < n; i++)
        if (palloc_free(&pa, v[i]) != PALLOC_OK)
            CHECK(0);
    CHECK(pa.nfree == total());
    n2 = fill(v, sizeof(v) / sizeof(v[0]), 2000);
    CHECK(n2 == total() * 2);
    for (size_t i = 0; i < n2; i++)
        CHECK(palloc_free(&pa, v[i]) == PALLOC_OK);
    CHECK(pa.nfree == total());
    for (int c = 0; c < PALLOC_NCLASSES; c++)
        CHECK(pa.partial[c] == UINT32_MAX);
}

static void
test_fragmentation(void)
{
    static void *v[NPAGES];
    size_t n;
    void *big;

    setup();
    n = fill(v, NPAGES, 0);
    for (size_t i = 0; i < n; i += 2)
        CHECK(palloc_free_pages(&pa, v[i], 1) == PALLOC_OK);
    /* Half the pages are free, but no two adjacent. */
    CHECK(pa.nfree == (n + 1) / 2);
    CHECK(palloc_pages(&pa, 2, 0) == NULL);
    CHECK(palloc_malloc(&pa, 5000, 0) == NULL);
    big = palloc_pages(&pa, 1, 0);
    CHECK(big == v[0]);
    CHECK(palloc_free_pages(&pa, big, 1) == PALLOC_OK);
    for (size_t i = 1; i < n; i += 2)
        CHECK(palloc_free_pages(&pa, v[i], 1) == PALLOC_OK);
    /* Coalesced again: the largest run is the one above the hole. */
    big = palloc_pages(&pa, NPAGES - reserved_hi, 0);
    CHECK(big == mem + reserved_hi * PALLOC_PAGE_SIZE);
    CHECK(palloc_free_pages(&pa, big, NPAGES - reserved_hi) == PALLOC_OK);
    CHECK(pa.nfree == total());
}

static void
test_misuse(void)
{
    char *pg, *run, *obj, *obj2;
    uint64_t *w;

    setup();
    pg = palloc_pages(&pa, 2, 0);
    run = palloc_malloc(&pa, 10000, 0);
    obj = palloc_malloc(&pa, 100, 0);
    obj2 = palloc_malloc(&pa, 100, 0);
    CHECK(pg && run && obj && obj2);
    CHECK(palloc_free_pages(&pa, pg, 1) == PALLOC_ESIZE);
    CHECK(palloc_free_pages(&pa, pg + PALLOC_PAGE_SIZE, 1) == PALLOC_EMISALIGN);
    CHECK(palloc_free(&pa, pg) == PALLOC_EKIND);
    CHECK(palloc_free_pages(&pa, run, 3) == PALLOC_EKIND);
    CHECK(palloc_free(&pa, run + 8) == PALLOC_EMISALIGN);
    CHECK(palloc_free(&pa, run + PALLOC_PAGE_SIZE) == PALLOC_EMISALIGN);
    CHECK(palloc_free(&pa, obj + 16) == PALLOC_EMISALIGN);
    CHECK(palloc_free(&pa, mem - PALLOC_PAGE_SIZE) == PALLOC_EOUTSIDE);
    CHECK(palloc_free(&pa, mem + 10 * PALLOC_PAGE_SIZE) == PALLOC_ENOTALLOC);
    CHECK(palloc_free(&pa, mem + 100 * PALLOC_PAGE_SIZE) == PALLOC_ENOTALLOC);

    /* A live object holding what a free one would hold is still live. */
    w = (uint64_t *)obj2;
    w[0] = 0;
    w[1] = PALLOC_FREE_TAG ^ (uintptr_t)obj2;
    CHECK(palloc_free(&pa, obj) == PALLOC_OK);
    CHECK(palloc_free(&pa, obj) == PALLOC_ENOTALLOC);
    CHECK(palloc_free(&pa, obj2) == PALLOC_OK);
    CHECK(palloc_free(&pa, obj2) == PALLOC_ENOTALLOC); /* slab page gone */

    CHECK(palloc_free_pages(&pa, pg, 2) == PALLOC_OK);
    CHECK(palloc_free_pages(&pa, pg, 2) == PALLOC_ENOTALLOC);
    CHECK(palloc_free(&pa, run) == PALLOC_OK);
    CHECK(palloc_free(&pa, run) == PALLOC_ENOTALLOC);
    CHECK(pa.nfree == total());
    for (int e = 0; e <= PALLOC_ESIZE + 1; e++)
        CHECK(palloc_strerror(e) != NULL);
}

struct live {
    char *p;
    size_t size;
    int pages; /* from palloc_pages */
    uint8_t seed;
};

static int
pattern_ok(const struct live *l)
{
    for (size_t i = 0; i < l->size; i++)
        if ((uint8_t)l->p[i] != (uint8_t)(l->seed + i * 13))
            return 0;
    return 1;
}

/* Random allocations and frees with a fixed seed, shadow-checked. */
static void
test_random(void)
{
    static struct live live[4000];
    size_t nlive = 0, fails = 0, bad = 0;
    uint64_t x = 0x2545f4914f6cdd1dULL;

    setup();
    for (int op = 0; op < 200000; op++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        if (nlive < sizeof(live) / sizeof(live[0]) && (x & 3) != 0) {
            struct live l = {.seed = (uint8_t)(x >> 8)};
            size_t r = (x >> 16) % 100, al = 1UL << ((x >> 24) % 14);

            if (r < 10) {
                l.pages = 1;
                l.size = ((x >> 32) % 9 + 1) * PALLOC_PAGE_SIZE;
                l.p = palloc_pages(&pa, l.size / PALLOC_PAGE_SIZE,
                                   (x >> 40) % 4 == 0 ? 16 : 1);
            } else {
                l.size = r < 80 ? (x >> 32) % 300 + 1 : (x >> 32) % 40000 + 1;
                l.p = palloc_malloc(&pa, l.size, al);
                if (l.p && (uintptr_t)l.p % al)
                    bad++;
            }
            if (l.p == NULL) {
                fails++;
                continue;
            }
            if (!shadow_claim(l.p, l.size, (uint32_t)op + 1))
                bad++;
            for (size_t i = 0; i < l.size; i++)
                l.p[i] = (char)(l.seed + i * 13);
            live[nlive++] = l;
        } else if (nlive > 0) {
            size_t k = (x >> 20) % nlive;
            struct live l = live[k];
            int err;

            if (!pattern_ok(&l))
                bad++;
            shadow_release(l.p, l.size);
            err = l.pages
                      ? palloc_free_pages(&pa, l.p, l.size / PALLOC_PAGE_SIZE)
                      : palloc_free(&pa, l.p);
            if (err != PALLOC_OK)
                bad++;
            live[k] = live[--nlive];
        }
    }
    CHECK(bad == 0);
    CHECK(fails > 0); /* the window did run full at times */
    while (nlive > 0) {
        struct live l = live[--nlive];

        CHECK(pattern_ok(&l));
        CHECK((l.pages ? palloc_free_pages(&pa, l.p, l.size / PALLOC_PAGE_SIZE)
                       : palloc_free(&pa, l.p)) == PALLOC_OK);
    }
    CHECK(pa.nfree == total());
}

int
main(void)
{
    test_pages();
    test_alignment();
    test_exhaustion();
    test_fragmentation();
    test_misuse();
    test_random();
    free(mem);
    free(meta);
    free(shadow);
    return unit_done("palloc");
}
