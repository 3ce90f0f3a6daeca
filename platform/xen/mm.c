/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory (mm.h): finds the domain's RAM (PV: start_info; PVH: the
 * hvm_start_info memory map), has it mapped with W^X permissions (mm_pv.c,
 * mm_pvh.c), and serves the page and object allocators of palloc.c over it.
 * Single vCPU, cooperative: no locking; never call these from a trap.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/time.h>

#include "platform_priv.h"
#include "mm_pt_priv.h"
#include "palloc_priv.h"

extern char _image_start[], _end[];

static size_t reserve_pages;

static uintptr_t
page_down(uint64_t a)
{
    return a & ~(uint64_t)(PAGE_SIZE - 1);
}

static uintptr_t
page_up(uint64_t a)
{
    return page_down(a + PAGE_SIZE - 1);
}

/* Adds [start, end) to mm_ram, kept sorted; overlaps are merged later. */
static void
ram_add(uint64_t start, uint64_t end)
{
    int i;

    start = page_up(start);
    end = page_down(end);
    if (start >= end || mm_nram == MM_MAX_RANGES)
        return;
    for (i = mm_nram; i > 0 && mm_ram[i - 1].start > start; i--)
        mm_ram[i] = mm_ram[i - 1];
    mm_ram[i] = (struct mm_range){start, end};
    mm_nram++;
}

static void
ram_merge(void)
{
    int n = 0;

    for (int i = 0; i < mm_nram; i++) {
        if (n > 0 && mm_ram[i].start <= mm_ram[n - 1].end) {
            if (mm_ram[i].end > mm_ram[n - 1].end)
                mm_ram[n - 1].end = mm_ram[i].end;
        } else {
            mm_ram[n++] = mm_ram[i];
        }
    }
    mm_nram = n;
}

/*
 * Reads the domain's RAM into mm_ram and returns the first page after what
 * early boot left in use behind the image.
 */
static uintptr_t
find_ram(void)
{
    if (boot_is_pv()) {
        const struct start_info *si = boot_state.pv_start_info;

        ram_add(0, (uint64_t)si->nr_pages << PAGE_SHIFT);
        /*
         * xen.h "Start-of-day memory layout": after the image come the p2m
         * list, start_info, xenstore and console pages, the page tables and
         * one boot stack page, then at least 512 KiB of mapped padding. We
         * keep all but the padding (the stack page out of caution: we never
         * ran on it, but Xen names no size for it).
         */
        return si->pt_base + ((si->nr_pt_frames + 1) << PAGE_SHIFT);
    }
    /*
     * PVH: hvm_start_info and its memory map sit in the first pages after
     * the image, which become page tables: read the map (unsorted, per
     * start_info.h) before anything is allocated.
     */
    const struct hvm_start_info *si = boot_state.pvh_start_info;
    const struct hvm_memmap_table_entry *e;

    if (si == NULL || si->version < 1 || si->memmap_paddr == 0)
        panic("mm: hvm_start_info has no memory map");
    e = (const void *)(uintptr_t)si->memmap_paddr;
    for (uint32_t i = 0; i < si->memmap_entries && i < 128; i++)
        if (e[i].type == XEN_HVM_MEMMAP_TYPE_RAM)
            ram_add(e[i].addr, e[i].addr + e[i].size);
    boot_state.pvh_start_info = NULL; /* its pages are about to be reused */
    return page_up((uintptr_t)_end);
}

static int
cpu_has_nx(void)
{
    uint32_t a = 0x80000001, b, c = 0, d;

    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (d >> 20) & 1;
}

/* Gives every RAM page outside page 0 and [image, mm_boot.next) to palloc. */
static void
add_free_ram(void)
{
    for (int i = 0; i < mm_nram; i++) {
        uint64_t s = mm_ram[i].start, e = mm_ram[i].end;

        if (s < PAGE_SIZE)
            s = PAGE_SIZE;
        if (s < (uintptr_t)_image_start && e > s)
            palloc_add_free(&mm_pool, s,
                            (page_down(e < (uintptr_t)_image_start
                                           ? e
                                           : (uintptr_t)_image_start) -
                             s) >>
                                PAGE_SHIFT);
        if (s < mm_boot.next)
            s = mm_boot.next;
        if (e > s)
            palloc_add_free(&mm_pool, s, (e - s) >> PAGE_SHIFT);
    }
}

void
mm_init(void)
{
    uint64_t t0 = time_now_ns();
    uintptr_t first_free, top;
    size_t npages, meta;
    int i;

    mm_nx = cpu_has_nx() ? PTE_NX : 0;
    first_free = find_ram();
    ram_merge();
    for (i = 0; i < mm_nram; i++)
        if (mm_ram[i].start <= (uintptr_t)_image_start &&
            mm_ram[i].end >= first_free)
            break;
    if (i == mm_nram)
        panic("mm: the image at %p is not in RAM", (void *)_image_start);
    mm_boot.next = first_free;
    mm_boot.limit = mm_ram[i].end;
    mm_boot.active = 1;

    top = boot_is_pv() ? mm_pv_map_all() : mm_pvh_map_all();
    boot_state.mapped_top = top;
    size_t pt_pages = (mm_boot.next - first_free) >> PAGE_SHIFT;

    /* Bitmap and per-page metadata for all pages up to the top of RAM. */
    npages = mm_ram[mm_nram - 1].end >> PAGE_SHIFT;
    meta = page_up(palloc_meta_bytes(npages));
    if (mm_boot.next + meta > mm_boot.limit)
        panic("mm: no room for %zu bytes of page metadata", meta);
    palloc_init(&mm_pool, 0, npages, (void *)mm_boot.next);
    mm_boot.next += meta;
    mm_boot.active = 0;
    add_free_ram();
    if (boot_state.verbose)
        console_printf("mm: %lu MiB RAM, %zu of %zu pages free, %zu "
                       "page-table pages, NX %s, %lu us\n",
                       (unsigned long)(boot_state.info.mem_bytes >> 20),
                       mm_pool.nfree, npages, pt_pages, mm_nx ? "on" : "off",
                       (unsigned long)((time_now_ns() - t0) / 1000));
}

void *
mm_alloc_pages(size_t n, size_t align_pages)
{
    return palloc_pages(&mm_pool, n, align_pages);
}

void
mm_free_pages(void *p, size_t n)
{
    int err = palloc_free_pages(&mm_pool, p, n);

    if (err != PALLOC_OK)
        panic("mm_free_pages(%p, %zu): %s", p, n, palloc_strerror(err));
}

void *
mm_malloc(size_t size, size_t align)
{
    return palloc_malloc(&mm_pool, size, align);
}

void
mm_free(void *p)
{
    int err;

    if (p == NULL)
        return;
    if ((err = palloc_free(&mm_pool, p)) != PALLOC_OK)
        panic("mm_free(%p): %s", p, palloc_strerror(err));
}

/* Whether va is a RAM page the allocator manages (free or not). */
static int
is_managed(uintptr_t va)
{
    if (va < PAGE_SIZE || (va >= (uintptr_t)_image_start && va < mm_boot.next))
        return 0;
    for (int i = 0; i < mm_nram; i++)
        if (va >= mm_ram[i].start && va < mm_ram[i].end)
            return 1;
    return 0;
}

int
mm_guard_page(void *va, int guard)
{
    uintptr_t a = (uintptr_t)va;

    if ((a & (PAGE_SIZE - 1)) || !is_managed(a))
        return -RX_EINVAL;
    return boot_is_pv() ? mm_pv_guard(a, guard) : mm_pvh_guard(a, guard);
}

uint64_t
mm_virt_to_frame(const void *va)
{
    if (boot_is_pv())
        return mm_pv_frame((uintptr_t)va);
    return (uintptr_t)va >> PAGE_SHIFT;
}

void
mm_get_stats(struct mm_stats *st)
{
    st->total_pages = mm_pool.total;
    st->free_pages = mm_pool.nfree;
}

void
mm_set_reserve(size_t pages)
{
    reserve_pages = pages;
}

size_t
mm_reserve(void)
{
    return reserve_pages;
}

/*
 * Whether n more pages may go to a client. A small object may come from a
 * page already in use: counting one page for it errs on the safe side.
 */
static int
client_may_take(size_t n)
{
    return mm_pool.nfree >= n && mm_pool.nfree - n >= reserve_pages;
}

void *
mm_client_malloc(size_t size, size_t align)
{
    size_t need = size > align ? size : align;
    size_t n = need <= PALLOC_MAX_SMALL ? 1 : need / PAGE_SIZE + 1;

    return client_may_take(n) ? palloc_malloc(&mm_pool, size, align) : NULL;
}

void *
mm_client_alloc_pages(size_t n, size_t align_pages)
{
    return client_may_take(n) ? palloc_pages(&mm_pool, n, align_pages) : NULL;
}
