/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH page tables: replaces boot.S's 4 GiB identity map (all RWX) with our
 * own, built natively: all RAM with W^X permissions, 2 MiB pages where a
 * whole aligned block has one permission, 4 KiB pages elsewhere; page 0
 * unmapped; the console and xenstore pages below 4 GiB mapped too.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>

#include "platform_priv.h"
#include "mm_pt_priv.h"

/* Intermediate entries allow everything; the leaves decide. */
#define PT_TABLE (PTE_P | PTE_RW | PTE_A)

extern char _image_start[], _etext[], _erodata[];

static uint64_t *pml4;

static void
invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void
flush_tlb(void)
{
    uint64_t cr3;

    __asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

/*
 * Turns the 2 MiB mapping in L2 entry *e into an L1 table with the same
 * 512 mappings. 0 or -RX_ENOMEM.
 */
static int
split_large(uint64_t *e)
{
    uint64_t *l1 = mm_table_page();
    uint64_t base = *e & PTE_ADDR, flags = *e & ~PTE_ADDR & ~PTE_PS;

    if (l1 == NULL)
        return -RX_ENOMEM;
    for (int i = 0; i < 512; i++)
        l1[i] = (base + ((uint64_t)i << PAGE_SHIFT)) | flags;
    *e = (uintptr_t)l1 | PT_TABLE;
    /* The old 2 MiB translation may be cached; drop it. */
    flush_tlb();
    return 0;
}

/*
 * Returns the entry of va at level (1 or 2) in our tables, making missing
 * tables (and splitting a 2 MiB page when level is 1). NULL if out of pages.
 */
static uint64_t *
entry_of(uintptr_t va, int level)
{
    uint64_t *t = pml4;

    for (int l = 4; l > level; l--) {
        uint64_t *e = &t[PT_INDEX(va, l)];

        if (!(*e & PTE_P)) {
            void *page = mm_table_page();

            if (page == NULL)
                return NULL;
            *e = (uintptr_t)page | PT_TABLE;
        } else if ((*e & PTE_PS) && split_large(e) != 0) {
            return NULL;
        }
        t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
    }
    return &t[PT_INDEX(va, level)];
}

/* Maps [va, end) to itself with flags (no frame): 2 MiB pages when it can. */
static void
map_range(uintptr_t va, uintptr_t end, uint64_t flags)
{
    while (va < end) {
        uint64_t *e;

        if ((va & (MM_LARGE_SIZE - 1)) == 0 && end - va >= MM_LARGE_SIZE) {
            if ((e = entry_of(va, 2)) == NULL)
                break;
            *e = va | flags | PTE_PS;
            va += MM_LARGE_SIZE;
        } else {
            if ((e = entry_of(va, 1)) == NULL)
                break;
            *e = va | flags;
            va += PAGE_SIZE;
        }
    }
    if (va < end)
        panic("mm: out of memory for page tables at %p", (void *)va);
}

/* Maps the RAM range [s, e), cut where the permissions change. */
static void
map_ram(uintptr_t s, uintptr_t e)
{
    const uintptr_t cuts[] = {
        PAGE_SIZE,         (uintptr_t)_image_start,
        (uintptr_t)_etext, (uintptr_t)_erodata,
        UINTPTR_MAX,
    };

    if (s < PAGE_SIZE)
        s = PAGE_SIZE; /* page 0 stays unmapped */
    for (int i = 0; i + 1 < (int)(sizeof(cuts) / sizeof(cuts[0])); i++) {
        uintptr_t a = s > cuts[i] ? s : cuts[i];
        uintptr_t b = e < cuts[i + 1] ? e : cuts[i + 1];

        if (a < b)
            map_range(a, b, mm_leaf_flags(a));
    }
}

uintptr_t
mm_pvh_map_all(void)
{
    uintptr_t top = 0;
    uint64_t cr0;

    if ((pml4 = mm_table_page()) == NULL)
        panic("mm: out of memory for page tables");
    for (int i = 0; i < mm_nram; i++) {
        map_ram(mm_ram[i].start, mm_ram[i].end);
        if (mm_ram[i].start <= (uintptr_t)_image_start)
            top = mm_ram[i].end;
    }
    /* The console and xenstore rings live in reserved memory, not RAM. */
    if (boot_state.console_ring)
        map_range((uintptr_t)boot_state.console_ring,
                  (uintptr_t)boot_state.console_ring + PAGE_SIZE,
                  PTE_P | PTE_RW | PTE_A | PTE_D | mm_nx);
    if (boot_state.store_ring)
        map_range((uintptr_t)boot_state.store_ring,
                  (uintptr_t)boot_state.store_ring + PAGE_SIZE,
                  PTE_P | PTE_RW | PTE_A | PTE_D | mm_nx);

    /*
     * Switch: everything we run on (text, stack, data, the tables
     * themselves) is mapped identically in the new tables. Then set CR0.WP,
     * without which ring 0 writes ignore read-only entries.
     */
    __asm__ volatile("mov %0, %%cr3" : : "r"((uintptr_t)pml4) : "memory");
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 |= 1UL << 16;
    __asm__ volatile("mov %0, %%cr0" : : "r"(cr0) : "memory");
    return top;
}

int
mm_pvh_guard(uintptr_t va, int guard)
{
    uint64_t *e = entry_of(va, 1);

    if (e == NULL)
        return -RX_ENOMEM;
    *e = guard ? 0 : va | mm_leaf_flags(va);
    invlpg(va);
    return 0;
}
