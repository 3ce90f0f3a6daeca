/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory: all of the domain's RAM, mapped once at boot (virtual address ==
 * pseudo-physical address), a page allocator and a general allocator.
 * Text is read-only + executable, everything else non-executable.
 * None of these block; call them from thread context.
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

/* Frees what mm_alloc_pages returned; n must match. */
void mm_free_pages(void *p, size_t n);

/*
 * Allocates size bytes aligned to align (a power of two; 0: 16). Returns
 * NULL on exhaustion or invalid arguments. Contents undefined.
 */
void *mm_malloc(size_t size, size_t align);

/* Frees what mm_malloc returned; NULL is ignored. */
void mm_free(void *p);

/*
 * Unmaps (guard != 0) or maps back the page at va, so that touching it
 * faults: thread stacks keep one below them. Returns 0 or -RX_EINVAL.
 */
int mm_guard_page(void *va, int guard);

/* The frame number Xen knows the page at va by (PV: MFN; PVH: GFN). */
uint64_t mm_virt_to_frame(const void *va);

/* Counters, in pages. */
struct mm_stats {
    size_t total_pages;  /* RAM pages the allocator manages */
    size_t free_pages;   /* of those, free now */
};
void mm_get_stats(struct mm_stats *st);

#endif
