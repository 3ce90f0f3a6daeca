/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the allocator logic behind mm.h, free of hypercalls so that it is
 * unit-tested on the host. A bitmap page allocator (first fit, with
 * alignment) over one window of pages, per-page metadata, and power-of-two
 * size classes carved from single pages. Not reentrant: one caller at a time.
 */
#ifndef PLATFORM_XEN_PALLOC_H
#define PLATFORM_XEN_PALLOC_H

#include <stddef.h>
#include <stdint.h>

#define PALLOC_PAGE_SHIFT 12
#define PALLOC_PAGE_SIZE (1UL << PALLOC_PAGE_SHIFT)
#define PALLOC_MIN_SHIFT 4 /* smallest size class: 16 bytes */
#define PALLOC_NCLASSES 8  /* 16 ... 2048 bytes */
#define PALLOC_MAX_SMALL (1UL << (PALLOC_MIN_SHIFT + PALLOC_NCLASSES - 1))
/* A free small object holds the offset + 1 of the next one, then this tag
 * XOR its own address: a hint for double-free checks, confirmed by a walk. */
#define PALLOC_FREE_TAG 0x6672656564626c6bULL

/* What one page is used for; see struct palloc_page. */
enum palloc_kind {
    PALLOC_UNUSED = 0, /* free, or never given to the allocator */
    PALLOC_RUN,        /* first page of a palloc_pages() run */
    PALLOC_MRUN,       /* first page of a big palloc_malloc() object */
    PALLOC_TAIL,       /* a later page of either kind of run */
    PALLOC_SLAB,       /* a page of small objects of one size class */
};

/* Per-page metadata; 16 bytes, kept outside the pages themselves. */
struct palloc_page {
    uint8_t kind;      /* enum palloc_kind */
    uint8_t cls;       /* SLAB: size class */
    uint16_t inuse;    /* SLAB: objects handed out */
    uint16_t free_off; /* SLAB: offset + 1 of the first free object, 0 none */
    uint16_t reserved;
    uint32_t prev; /* SLAB: partial list links (page index) */
    uint32_t next; /* SLAB: partial list; RUN and MRUN: run length */
};

struct palloc {
    uintptr_t base;   /* address of page index 0; page-aligned */
    size_t npages;    /* pages in the window */
    uint64_t *bitmap; /* bit set: page not free (used or not RAM) */
    struct palloc_page *meta;
    size_t total;                      /* pages handed to palloc_add_free() */
    size_t nfree;                      /* of those, free now */
    size_t hint;                       /* no free page below this index */
    uint32_t partial[PALLOC_NCLASSES]; /* slabs with a free object */
};

/* Errors of the free functions, 0 on success. */
enum palloc_error {
    PALLOC_OK = 0,
    PALLOC_EOUTSIDE,  /* not an address this allocator manages */
    PALLOC_ENOTALLOC, /* not allocated: a double free or a wild pointer */
    PALLOC_EMISALIGN, /* not the start of an object */
    PALLOC_EKIND,     /* from the other API (pages vs. malloc) */
    PALLOC_ESIZE,     /* page count differs from the allocation */
};

/* Bytes of bookkeeping (bitmap and metadata) palloc_init needs for npages. */
size_t palloc_meta_bytes(size_t npages);

/*
 * Sets up pa over the pages [base, base + npages * PAGE_SIZE), all of them
 * not free. mem: palloc_meta_bytes(npages) bytes, 8-byte aligned, that stay
 * the allocator's. npages < 2^32.
 */
void palloc_init(struct palloc *pa, uintptr_t base, size_t npages, void *mem);

/* Gives the n pages at addr (page-aligned, inside the window) to pa. */
void palloc_add_free(struct palloc *pa, uintptr_t addr, size_t n);

/*
 * Allocates n > 0 contiguous pages whose address is a multiple of
 * align pages (a power of two; 0 means 1). Lowest fit first. NULL if none.
 */
void *palloc_pages(struct palloc *pa, size_t n, size_t align);

/* Frees a palloc_pages() run of n pages. Returns 0 or a palloc_error. */
int palloc_free_pages(struct palloc *pa, void *p, size_t n);

/*
 * Allocates size bytes aligned to align (a power of two; 0 means 16):
 * from a size class when both fit in PALLOC_MAX_SMALL, else a page run.
 * NULL on exhaustion or invalid arguments.
 */
void *palloc_malloc(struct palloc *pa, size_t size, size_t align);

/* Frees a palloc_malloc() object. Returns 0 or a palloc_error. */
int palloc_free(struct palloc *pa, void *p);

/* Whether the page at addr lies in pa's window. */
int palloc_in_window(const struct palloc *pa, uintptr_t addr);

/* A short description of a palloc_error. */
const char *palloc_strerror(int err);

#endif
