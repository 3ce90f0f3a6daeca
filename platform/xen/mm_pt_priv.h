/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to the memory code: x86-64 page-table bits and what mm.c (the
 * layout, the allocators) shares with the page-table builders of the two
 * guest types, mm_pv.c (through Xen's MMU hypercalls) and mm_pvh.c
 * (native), through mm_pt.c below all three.
 */
#ifndef PLATFORM_XEN_MM_PT_H
#define PLATFORM_XEN_MM_PT_H

#include <stdint.h>

#define PTE_P 0x001ULL
#define PTE_RW 0x002ULL
#define PTE_US 0x004ULL
#define PTE_A 0x020ULL
#define PTE_D 0x040ULL
#define PTE_PS 0x080ULL
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

#define MM_LARGE_SIZE (1UL << 21) /* a 2 MiB page / what one L1 maps */
#define MM_MAX_RANGES 64

/* Index of va in the table of level (1: L1 ... 4: L4). */
#define PT_INDEX(va, level) (((va) >> (12 + 9 * ((level)-1))) & 511)

/* A range of RAM, in bytes, page-aligned: [start, end). */
struct mm_range {
    uint64_t start, end;
};

/* The domain's RAM, sorted and merged (mm.c fills it in mm_init). */
struct palloc;
extern struct mm_range mm_ram[MM_MAX_RANGES];
extern int mm_nram;

/*
 * Leaf-entry flags (no frame) for the RAM page at va: 0 for page 0, text
 * read-only + executable, rodata read-only, the rest read-write; all but
 * text non-executable when the CPU has NX.
 */
uint64_t mm_leaf_flags(uintptr_t va);

/* PTE_NX if the CPU supports it, else 0. */
extern uint64_t mm_nx;

/* The page allocator's state behind mm.h (palloc_priv.h). */
extern struct palloc mm_pool;

/*
 * The boot area: while active (during mm_init, before mm_pool exists),
 * page-table pages come from [next, limit) after the image, by bumping.
 */
struct mm_boot_area {
    uintptr_t next, limit;
    int active;
};
extern struct mm_boot_area mm_boot;

/*
 * A zeroed, mapped and writable page for a page table: during mm_init from
 * the boot area after the image, later from the page allocator. NULL when
 * memory is exhausted.
 */
void *mm_table_page(void);

/*
 * Maps all RAM with the flags of mm_leaf_flags (and, PVH, the console and
 * xenstore pages); returns the end of the RAM mapped contiguously from the
 * image. Panics if Xen refuses: nothing can run without it.
 */
uintptr_t mm_pv_map_all(void);
uintptr_t mm_pvh_map_all(void);

/* Unmaps (guard) or maps back read-write the RAM page at va. 0 or -RX_. */
int mm_pv_guard(uintptr_t va, int guard);
int mm_pvh_guard(uintptr_t va, int guard);

/* PV: the machine frame of the RAM page at va (through the p2m list). */
uint64_t mm_pv_frame(uintptr_t va);

#endif
