/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grant tables (v1): giving a backend domain access to our pages, and
 * Xen-performed copies between granted pages. Thread context; never block.
 */
#ifndef RUMPXEN_GNTTAB_H
#define RUMPXEN_GNTTAB_H

#include <stdint.h>

typedef uint32_t grant_ref_t;

/*
 * Grants domain domid access to the page with frame number frame (see
 * mm_virt_to_frame), read-only if readonly. Returns 0 and sets *ref,
 * -RX_ENOSPC when every reference is in use, or -RX_ERANGE for a frame
 * that does not fit grant table v1's 32 bits (it is never truncated).
 */
int gnttab_grant_access(uint16_t domid, uint64_t frame, int readonly,
                        grant_ref_t *ref);

/*
 * Revokes a grant and frees its reference. Returns 0, -RX_EBUSY if the
 * other domain still has the page mapped (nothing changed; try later), or
 * -RX_EINVAL for a reference that is not granted.
 */
int gnttab_end_access(grant_ref_t ref);

/* References currently granted. */
unsigned int gnttab_in_use(void);

/* One side of a copy: a granted page of domain domid, or one of ours. */
struct gnttab_copy_seg {
    int is_ref;        /* 1: ref of domid; 0: our own frame */
    grant_ref_t ref;
    uint16_t domid;
    uint64_t frame;    /* when !is_ref */
    uint16_t offset;
};

/*
 * Has Xen copy len bytes (offset + len within one page on both sides).
 * Returns 0, -RX_EINVAL for bad bounds, or -RX_EIO if Xen refused it
 * (status printed on the console).
 */
int gnttab_copy(const struct gnttab_copy_seg *src,
                const struct gnttab_copy_seg *dst, uint16_t len);

#endif
