/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory: all of the domain's RAM, mapped once at boot (virtual address ==
 * pseudo-physical address), a page allocator and a general allocator.
 * Text is read-only + executable, rodata read-only, everything else
 * non-executable (when the CPU has NX); page 0 is never mapped.
 * None of these block; call them from thread context, not from a trap
 * handler (there is no locking: one vCPU, cooperative threads).
 * Misuse of our own invariants (a double free, a pointer the allocator did
 * not return, a wrong page count) panics with the pointer and the reason.
 */
#ifndef RUMPXEN_MM_H
#define RUMPXEN_MM_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

/*
 * Allocates n contiguous pages aligned to align_pages pages (a power of
 * two; 0 or 1: no extra alignment). Returns NULL when memory is exhausted
 * or the arguments are invalid; never corrupts state. Contents undefined.
 */
void *mm_alloc_pages(size_t n, size_t align_pages);

/* Frees what mm_alloc_pages returned; n must match (else panics). */
void mm_free_pages(void *p, size_t n);

/*
 * Allocates size bytes aligned to align (a power of two; 0: 16). Objects
 * up to 2 KiB come from size classes, bigger ones are page runs. size 0
 * gives a smallest object. Returns NULL on exhaustion or invalid
 * arguments. Contents undefined.
 */
void *mm_malloc(size_t size, size_t align);

/* Frees what mm_malloc returned; NULL is ignored; anything else panics. */
void mm_free(void *p);

/*
 * Unmaps (guard != 0) or maps back (read-write) the page at va, so that
 * touching it faults: thread stacks keep one below them. va must be a
 * page-aligned page of the allocator's RAM (else -RX_EINVAL); map it back
 * before freeing it. PVH may need a page to split a 2 MiB mapping
 * (-RX_ENOMEM if none is free). Returns 0 or a negative RX_ errno.
 */
int mm_guard_page(void *va, int guard);

/*
 * The frame number Xen knows the page at va by (PV: MFN from the p2m list;
 * PVH: GFN, which is va >> PAGE_SHIFT). va must be in the domain's RAM.
 */
uint64_t mm_virt_to_frame(const void *va);

/*
 * Counters, in pages. Objects of mm_malloc hold whole pages (a size-class
 * page is free again when its last object is), so after everything is
 * freed free_pages is back where it was (unless a guard page split a
 * 2 MiB mapping in between: that page table stays).
 */
struct mm_stats {
    size_t total_pages;  /* RAM pages the allocator manages */
    size_t free_pages;   /* of those, free now */
};
void mm_get_stats(struct mm_stats *st);

/*
 * The platform's reserve: pages that allocations made for a client of the
 * platform (the rump kernel, through the mm_client_ calls) never take, so
 * that thread stacks, TLS blocks, grant and ring pages and the console can
 * still be allocated when the client has used up what it may. The plain
 * calls above may use the reserve. Default 0 (no client). Never blocks.
 */
void mm_set_reserve(size_t pages);

/* The reserve in pages, as last set. */
size_t mm_reserve(void);

/*
 * As mm_malloc and mm_alloc_pages, but NULL when the allocation could
 * leave fewer free pages than the reserve. Freed with mm_free and
 * mm_free_pages.
 */
void *mm_client_malloc(size_t size, size_t align);
void *mm_client_alloc_pages(size_t n, size_t align_pages);

#endif
