/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of grant tables: 10,000 grant/end cycles leave the in-use
 * count where it started; exhaustion is a clean error; bad references are
 * refused, as is a frame wider than v1's 32 bits; a Xen grant copy
 * through a grant to ourselves moves the bytes.
 */
#include <rumpxen/errno.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

#define CYCLES 10000

static char src_page[4096] __attribute__((aligned(4096)));
static char dst_page[4096] __attribute__((aligned(4096)));
static grant_ref_t refs[4096];

int
main(void)
{
    unsigned int start = gnttab_in_use();
    uint64_t frame = mm_virt_to_frame(src_page);
    char buf[16];
    grant_ref_t ref;
    long domid = -1;
    int n = 0, bad = 0;

    for (int i = 0; i < CYCLES; i++) {
        if (gnttab_grant_access(0, frame, i & 1, &ref) != 0 ||
            gnttab_end_access(ref) != 0)
            bad++;
    }
    EXPECT(bad == 0);
    EXPECT(gnttab_in_use() == start);

    while (n < 4096 && gnttab_grant_access(0, frame, 1, &refs[n]) == 0)
        n++;
    EXPECT(n > 100 && n < 4096);
    EXPECT(gnttab_grant_access(0, frame, 1, &ref) == -RX_ENOSPC);
    for (int i = 0; i < n; i++)
        bad += gnttab_end_access(refs[i]) != 0;
    EXPECT(bad == 0);
    EXPECT(gnttab_in_use() == start);
    EXPECT(gnttab_end_access(refs[0]) == -RX_EINVAL);
    EXPECT(gnttab_end_access(1) == -RX_EINVAL);
    EXPECT(gnttab_end_access(1u << 30) == -RX_EINVAL);
    /* v1 keeps 32 bits of frame: a wider one is refused, not truncated. */
    EXPECT(gnttab_grant_access(0, 1ULL << 32, 1, &ref) == -RX_ERANGE);
    EXPECT(gnttab_in_use() == start);
    console_printf("grants: %d references available\n", n);

    /* Grant copy: our page through a grant to ourselves, into another. */
    EXPECT(xs_read(XS_TX_NONE, "domid", buf, sizeof(buf)) > 0);
    EXPECT(fmt_parse_long(buf, 1, 0x7fef, &domid) == 0);
    for (int i = 0; i < 4096; i++)
        src_page[i] = (char)(i * 13 + 1);
    if (gnttab_grant_access((uint16_t)domid, frame, 1, &ref) == 0) {
        struct gnttab_copy_seg s = {
            .is_ref = 1, .ref = ref, .domid = (uint16_t)domid, .offset = 100,
        };
        struct gnttab_copy_seg d = {
            .frame = mm_virt_to_frame(dst_page), .offset = 200,
        };

        EXPECT(gnttab_copy(&s, &d, 3000) == 0);
        EXPECT(memcmp(src_page + 100, dst_page + 200, 3000) == 0);
        EXPECT(dst_page[199] == 0 && dst_page[3200] == 0);
        EXPECT(gnttab_copy(&s, &d, 4000) == -RX_EINVAL); /* past the page */
        EXPECT(gnttab_end_access(ref) == 0);
    } else {
        EXPECT(!"grant to ourselves");
    }
    return test_done("grants");
}
