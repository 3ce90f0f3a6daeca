/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PV page tables, through Xen: the builder's tables map only the image and
 * its bootstrap area. We set W^X permissions on what they map (unmapping
 * page 0) and extend them to all nr_pages pages with new L1 (L2, L3)
 * tables, 4 KiB pages only. PFN -> MFN through the p2m list (mfn_list).
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>

#include "xen_hypercall_priv.h"
#include "platform_priv.h"
#include "mm_pt_priv.h"

/* Xen adds _PAGE_USER to a 64-bit PV kernel's entries anyway; say it. */
#define PT_TABLE (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US)
/* The bits of a leaf entry we set and compare. */
#define PTE_MINE (PTE_ADDR | PTE_P | PTE_RW | PTE_NX)
#define QUEUE_LEN 64

static const unsigned long *p2m;
static uintptr_t pt_start, pt_end; /* the builder's page tables */
static uintptr_t mapped_end;       /* [0, mapped_end) has L1 tables */
static struct mmu_update queue[QUEUE_LEN];
static unsigned int queued;

/* The page an entry points to, by its virtual (= pseudo-physical) address. */
static uint64_t *
table_of(uint64_t e)
{
    const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;

    return (uint64_t *)(m2p[(e & PTE_ADDR) >> PAGE_SHIFT] << PAGE_SHIFT);
}

static uint64_t
machine_addr(const void *p)
{
    return ((uint64_t)p2m[(uintptr_t)p >> PAGE_SHIFT] << PAGE_SHIFT) |
           ((uintptr_t)p & (PAGE_SIZE - 1));
}

uint64_t
mm_pv_frame(uintptr_t va)
{
    return p2m[va >> PAGE_SHIFT];
}

static void
queue_flush(void)
{
    unsigned int done = 0;
    long rc;

    if (queued == 0)
        return;
    rc = hypercall__mmu_update(queue, queued, &done, DOMID_SELF);
    if (rc != 0)
        panic("mm: mmu_update refused entry %u of %u (%ld): ptr 0x%lx "
              "val 0x%lx",
              done, queued, rc, (unsigned long)queue[done].ptr,
              (unsigned long)queue[done].val);
    queued = 0;
}

/* Queues a write of val to the page-table entry *e (Xen validates it). */
static void
queue_entry(uint64_t *e, uint64_t val)
{
    queue[queued++] = (struct mmu_update){
        .ptr = machine_addr(e) | MMU_NORMAL_PT_UPDATE,
        .val = val,
    };
    if (queued == QUEUE_LEN)
        queue_flush();
}

/* Leaf flags of va: the builder's page tables stay read-only. */
static uint64_t
pv_flags(uintptr_t va)
{
    uint64_t f = mm_leaf_flags(va);

    if (va >= pt_start && va < pt_end)
        f &= ~PTE_RW;
    return f;
}

/*
 * Makes the filled table page t a page table referenced by entry *e.
 * Xen validates a page when it first becomes a page table and refuses one
 * that is mapped writable anywhere ("!writable_page_tables"): map it
 * read-only first, then write the entry.
 */
static void
install_table(uint64_t *e, uint64_t *t)
{
    uint64_t ro = (machine_addr(t) & PTE_ADDR) | PTE_P | PTE_A | mm_nx;
    long rc;

    if ((uintptr_t)t + PAGE_SIZE > mapped_end)
        panic("mm: page-table page %p is not mapped yet", (void *)t);
    rc = hypercall__update_va_mapping((uintptr_t)t, ro, UVMF_INVLPG);
    if (rc != 0)
        panic("mm: can not map page table %p read-only (%ld)", (void *)t, rc);
    queue_entry(e, (machine_addr(t) & PTE_ADDR) | PT_TABLE);
    queue_flush();
}

static uint64_t *
new_table(void)
{
    uint64_t *t = mm_table_page();

    if (t == NULL)
        panic("mm: out of memory for page tables");
    return t;
}

/* The L2 table covering va, made (with its L3) if missing. */
static uint64_t *
l2_of(uintptr_t va)
{
    uint64_t *t = (uint64_t *)boot_state.pv_start_info->pt_base;

    for (int l = 4; l > 2; l--) {
        uint64_t *e = &t[PT_INDEX(va, l)];

        if (!(*e & PTE_P))
            install_table(e, new_table());
        t = table_of(*e);
    }
    return t;
}

/* Sets the permissions of the 2 MiB block at va that already has an L1. */
static void
remap_block(uint64_t *l1, uintptr_t va, uintptr_t top)
{
    for (int i = 0; i < 512 && va < top; i++, va += PAGE_SIZE) {
        uint64_t cur = l1[i], want = pv_flags(va), val = 0;

        /* Keep a present entry's frame: shared_info is mapped in bss. */
        if (want)
            val = ((cur & PTE_P)
                       ? cur & PTE_ADDR
                       : (uint64_t)p2m[va >> PAGE_SHIFT] << PAGE_SHIFT) |
                  want;
        if ((cur & PTE_MINE) != (val & PTE_MINE))
            queue_entry(&l1[i], val);
    }
    /* Before any new table is taken from these pages: see install_table. */
    queue_flush();
}

/* Maps the 2 MiB block at va (up to top) with a new L1 table. */
static void
map_block(uint64_t *l2e, uintptr_t va, uintptr_t top)
{
    uint64_t *l1 = new_table();

    for (int i = 0; i < 512 && va < top; i++, va += PAGE_SIZE)
        l1[i] = ((uint64_t)p2m[va >> PAGE_SHIFT] << PAGE_SHIFT) | pv_flags(va);
    install_table(l2e, l1);
}

uintptr_t
mm_pv_map_all(void)
{
    const struct start_info *si = boot_state.pv_start_info;
    uintptr_t top = (uintptr_t)si->nr_pages << PAGE_SHIFT;
    struct mmuext_op flush = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};
    long rc;

    p2m = (const unsigned long *)si->mfn_list;
    pt_start = si->pt_base;
    pt_end = si->pt_base + (si->nr_pt_frames << PAGE_SHIFT);
    mapped_end = 0;
    /*
     * The builder's mapping is contiguous from 0 (xen.h, start of day):
     * blocks with an L1 come first, so new tables are taken from pages
     * whose permissions are final, and each new L1 maps 512 pages more.
     */
    for (uintptr_t va = 0; va < top; va += MM_LARGE_SIZE) {
        uint64_t *l2e = &l2_of(va)[PT_INDEX(va, 2)];

        if (*l2e & PTE_P)
            remap_block(table_of(*l2e), va, top);
        else
            map_block(l2e, va, top);
        /* Both map every page of the block (page 0 aside). */
        mapped_end = va + MM_LARGE_SIZE < top ? va + MM_LARGE_SIZE : top;
    }
    /* mmu_update does not flush: drop stale writable/executable entries. */
    rc = hypercall__mmuext_op(&flush, 1, NULL, DOMID_SELF);
    if (rc != 0)
        panic("mm: TLB flush failed (%ld)", rc);
    return top;
}

int
mm_pv_guard(uintptr_t va, int guard)
{
    uint64_t val = 0;
    long rc;

    if (!guard)
        val =
            ((uint64_t)p2m[va >> PAGE_SHIFT] << PAGE_SHIFT) | mm_leaf_flags(va);
    /* update_va_mapping validates the entry and invalidates the page. */
    rc = hypercall__update_va_mapping(va, val, UVMF_INVLPG);
    return rc == 0 ? 0 : xen_errno(rc);
}
