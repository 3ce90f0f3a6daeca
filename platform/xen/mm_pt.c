/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What mm.c shares with the page-table builders of the two guest types
 * (mm_pv.c, mm_pvh.c): the domain's RAM ranges, the W^X leaf flags, the
 * page pool and where page-table pages come from. Below all three, so
 * none of them calls back up. Not the allocators' API (mm.c).
 */
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>

#include "mm_pt_priv.h"
#include "palloc_priv.h"

extern char _image_start[], _etext[], _erodata[];

struct mm_range mm_ram[MM_MAX_RANGES];
int mm_nram;
uint64_t mm_nx;
struct palloc mm_pool;
struct mm_boot_area mm_boot;

uint64_t
mm_leaf_flags(uintptr_t va)
{
    if (va < PAGE_SIZE)
        return 0; /* NULL dereferences fault */
    if (va >= (uintptr_t)_image_start && va < (uintptr_t)_etext)
        return PTE_P | PTE_A;
    if (va >= (uintptr_t)_etext && va < (uintptr_t)_erodata)
        return PTE_P | PTE_A | mm_nx;
    return PTE_P | PTE_RW | PTE_A | PTE_D | mm_nx;
}

void *
mm_table_page(void)
{
    void *p;

    if (mm_boot.active) {
        if (mm_boot.next + PAGE_SIZE > mm_boot.limit)
            return NULL;
        p = (void *)mm_boot.next;
        mm_boot.next += PAGE_SIZE;
    } else if ((p = palloc_pages(&mm_pool, 1, 1)) == NULL) {
        return NULL;
    }
    memset(p, 0, PAGE_SIZE);
    return p;
}
