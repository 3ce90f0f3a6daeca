/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grant tables, version 1. The table's frames are mapped over a reserved,
 * page-aligned area of our image: PV with GNTTABOP_setup_table plus
 * update_va_mapping, PVH with XENMAPSPACE_grant_table.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/platform.h>

#include "barrier_priv.h"
#include "gntref_priv.h"
#include "xen_hypercall_priv.h"
#include "platform_priv.h"
#include "mm_pt_priv.h"

#define NR_FRAMES 4
#define NR_REFS (NR_FRAMES * 4096 / sizeof(grant_entry_v1_t))

static char table_area[NR_FRAMES * 4096] __attribute__((aligned(4096)));
static grant_entry_v1_t *table = (grant_entry_v1_t *)table_area;
static struct gntref_pool pool;

static int
map_frames_pv(void)
{
    xen_pfn_t frames[NR_FRAMES];
    struct gnttab_setup_table setup = {
        .dom = DOMID_SELF,
        .nr_frames = NR_FRAMES,
    };
    long rc;

    set_xen_guest_handle(setup.frame_list, frames);
    rc = hypercall__grant_table_op(GNTTABOP_setup_table, &setup, 1);
    if (rc < 0 || setup.status != GNTST_okay) {
        console_printf("gnttab: setup_table failed (%ld, status %d)\n", rc,
                       setup.status);
        return -RX_EIO;
    }
    for (int i = 0; i < NR_FRAMES; i++) {
        uintptr_t va = (uintptr_t)table_area + (uintptr_t)i * 4096;

        /*
         * The frames replace pages of our .bss: the same permissions as
         * those (read-write, never executable: W^X), not Xen's defaults.
         */
        rc = hypercall__update_va_mapping(
            va, (frames[i] << 12) | mm_leaf_flags(va), UVMF_INVLPG);
        if (rc < 0) {
            console_printf("gnttab: can not map frame %d (%ld)\n", i, rc);
            return -RX_EIO;
        }
    }
    return 0;
}

static int
map_frames_pvh(void)
{
    for (int i = 0; i < NR_FRAMES; i++) {
        struct xen_add_to_physmap xatp = {
            .domid = DOMID_SELF,
            .space = XENMAPSPACE_grant_table,
            .idx = (xen_ulong_t)i,
            .gpfn = ((uintptr_t)table_area >> 12) + (xen_pfn_t)i,
        };
        long rc = hypercall__memory_op(XENMEM_add_to_physmap, &xatp);

        if (rc < 0) {
            console_printf("gnttab: can not map frame %d (%ld)\n", i, rc);
            return -RX_EIO;
        }
    }
    return 0;
}

void
gnttab_init(void)
{
    int rc = boot_is_pv() ? map_frames_pv() : map_frames_pvh();

    /* Without a table every grant fails cleanly with -RX_ENOSPC. */
    gntref_init(&pool, GNTTAB_NR_RESERVED_ENTRIES,
                rc == 0 ? NR_REFS : GNTTAB_NR_RESERVED_ENTRIES);
}

int
gnttab_grant_access(uint16_t domid, uint64_t frame, int readonly,
                    grant_ref_t *ref)
{
    grant_entry_v1_t *e;
    uint32_t r;
    int rc;

    if ((rc = gntref_check_frame(frame)) < 0)
        return rc;
    if ((rc = gntref_alloc(&pool, &r)) < 0)
        return rc;
    e = &table[r];
    e->domid = domid;
    e->frame = (uint32_t)frame;
    /* grant_table.h: frame and domid must be visible before the flags. */
    wmb();
    e->flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
    *ref = r;
    return 0;
}

int
gnttab_end_access(grant_ref_t ref)
{
    volatile uint16_t *flags;
    uint16_t old;

    if (ref >= NR_REFS || ref < GNTTAB_NR_RESERVED_ENTRIES ||
        !pool.used[ref])
        return -RX_EINVAL;
    flags = &table[ref].flags;
    /*
     * grant_table.h: clear the flags only while the backend is neither
     * reading nor writing; compare-and-swap so its setting of
     * GTF_reading/GTF_writing can not slip in between.
     */
    old = *flags;
    for (;;) {
        uint16_t seen;

        if (old & (GTF_reading | GTF_writing))
            return -RX_EBUSY;
        seen = __sync_val_compare_and_swap(flags, old, 0);
        if (seen == old)
            break;
        old = seen;
    }
    return gntref_free(&pool, ref);
}

unsigned int
gnttab_in_use(void)
{
    return pool.in_use;
}

static int
fill_ptr(const struct gnttab_copy_seg *p, uint16_t len,
         struct gnttab_copy_ptr *x, uint16_t *flags, uint16_t ref_flag)
{
    if ((uint32_t)p->offset + len > 4096)
        return -RX_EINVAL;
    if (p->is_ref) {
        x->u.ref = p->ref;
        x->domid = p->domid;
        *flags |= ref_flag;
    } else {
        x->u.gmfn = p->frame;
        x->domid = DOMID_SELF;
    }
    x->offset = p->offset;
    return 0;
}

int
gnttab_copy(const struct gnttab_copy_seg *src,
            const struct gnttab_copy_seg *dst, uint16_t len)
{
    struct gnttab_copy op = { .len = len };
    long rc;

    if (fill_ptr(src, len, &op.source,
                 &op.flags, GNTCOPY_source_gref) < 0 ||
        fill_ptr(dst, len, &op.dest, &op.flags,
                 GNTCOPY_dest_gref) < 0)
        return -RX_EINVAL;
    rc = hypercall__grant_table_op(GNTTABOP_copy, &op, 1);
    if (rc < 0 || op.status != GNTST_okay) {
        console_printf("gnttab: copy failed (%ld, status %d)\n", rc,
                       op.status);
        return -RX_EIO;
    }
    return 0;
}
