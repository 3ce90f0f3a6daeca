/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of blkfront's ring bookkeeping: ids handed out once,
 * answers accepted only for outstanding ids (range, never sent, twice),
 * a backend claiming more responses than requests, unknown statuses and
 * mismatched operations refused, buffers split into page segments.
 */
#include <stdlib.h>
#include <string.h>

#include <rumpxen/errno.h>

#include "blkfront_ring_priv.h"
#include "unit.h"
#include "xen_priv.h"

#include <xen/io/blkif.h>

static void
test_ids(void)
{
    enum { N = 32 };
    static uint16_t stack[N];
    static uint8_t state[N];
    static int seen[N];
    struct blkring_ids ids;
    unsigned int id;

    blkring_ids_init(&ids, N, stack, state);
    for (int i = 0; i < N; i++) {
        CHECK(blkring_id_alloc(&ids, &id) == 0);
        CHECK(id < N && !seen[id]);
        if (id < N)
            seen[id] = 1;
    }
    CHECK(blkring_id_alloc(&ids, &id) == -RX_ENOSPC);
    CHECK(blkring_id_answer(&ids, 5) == 0);
    CHECK(blkring_id_answer(&ids, 5) == -RX_EPROTO); /* answered twice */
    CHECK(blkring_id_answer(&ids, N) == -RX_EPROTO); /* out of range */
    CHECK(blkring_id_answer(&ids, 1ull << 40) == -RX_EPROTO);
    CHECK(blkring_id_release(&ids, 5) == 0);
    CHECK(blkring_id_answer(&ids, 5) == -RX_EPROTO);  /* never sent now */
    CHECK(blkring_id_release(&ids, 5) == -RX_EINVAL); /* already free */
    CHECK(blkring_id_release(&ids, 7) == 0);          /* abandoned */
    CHECK(blkring_id_alloc(&ids, &id) == 0 && id == 7);
    CHECK(blkring_id_alloc(&ids, &id) == 0 && id == 5);
    CHECK(blkring_id_alloc(&ids, &id) == -RX_ENOSPC);

    /* A random walk: the number of free ids stays exact. */
    blkring_ids_init(&ids, N, stack, state);
    memset(seen, 0, sizeof(seen));
    srand(7);
    int held = 0;
    for (int step = 0; step < 10000; step++) {
        unsigned int r = (unsigned int)rand() % N;

        if (rand() & 1) {
            if (blkring_id_alloc(&ids, &id) == 0) {
                CHECK(!seen[id]);
                seen[id] = 1;
                held++;
            } else {
                CHECK(held == N);
            }
        } else if (seen[r]) {
            CHECK(blkring_id_answer(&ids, r) == 0);
            CHECK(blkring_id_release(&ids, r) == 0);
            seen[r] = 0;
            held--;
        } else {
            CHECK(blkring_id_answer(&ids, r) == -RX_EPROTO);
        }
        CHECK(ids.nfree == (unsigned int)(N - held));
    }
}

static void
test_responses(void)
{
    CHECK(blkring_new_responses(10, 4, 4) == 0);
    CHECK(blkring_new_responses(10, 4, 10) == 6);
    CHECK(blkring_new_responses(10, 4, 11) == -RX_EPROTO);
    CHECK(blkring_new_responses(10, 4, 3) == -RX_EPROTO); /* went back */
    /* Across the 32-bit wrap. */
    CHECK(blkring_new_responses(3, 0xfffffffeu, 2) == 4);
    CHECK(blkring_new_responses(3, 0xfffffffeu, 4) == -RX_EPROTO);

    CHECK(blkring_status(BLKIF_RSP_OKAY) == 0);
    CHECK(blkring_status(BLKIF_RSP_ERROR) == -RX_EIO);
    CHECK(blkring_status(BLKIF_RSP_EOPNOTSUPP) == -RX_ENOTSUP);
    CHECK(blkring_status(1) == -RX_EPROTO);
    CHECK(blkring_status(-3) == -RX_EPROTO);
    CHECK(blkring_status(0x7fff) == -RX_EPROTO);

    CHECK(blkring_op_matches(BLKIF_OP_READ, 0, BLKIF_OP_READ));
    CHECK(!blkring_op_matches(BLKIF_OP_READ, 0, BLKIF_OP_WRITE));
    CHECK(blkring_op_matches(BLKIF_OP_INDIRECT, BLKIF_OP_WRITE,
                             BLKIF_OP_INDIRECT));
    CHECK(
        blkring_op_matches(BLKIF_OP_INDIRECT, BLKIF_OP_WRITE, BLKIF_OP_WRITE));
    CHECK(
        !blkring_op_matches(BLKIF_OP_INDIRECT, BLKIF_OP_WRITE, BLKIF_OP_READ));
    CHECK(!blkring_op_matches(BLKIF_OP_FLUSH_DISKCACHE, 0, BLKIF_OP_READ));
}

static void
test_range(void)
{
    const uint64_t cap = 1 << 20;

    CHECK(blkring_check_range(0, 512, 512, cap) == 0);
    CHECK(blkring_check_range(cap - 512, 512, 512, cap) == 0);
    CHECK(blkring_check_range(0, cap, 512, cap) == 0);
    CHECK(blkring_check_range(0, 0, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(100, 512, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(0, 100, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(cap, 512, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(cap - 512, 1024, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(UINT64_MAX - 511, 512, 512, cap) == -RX_EINVAL);
    /* offset + len would wrap to something small. */
    CHECK(blkring_check_range(512, UINT64_MAX - 511, 512, cap) == -RX_EINVAL);
    CHECK(blkring_check_range(0, 4096, 4096, cap) == 0);
    CHECK(blkring_check_range(512, 4096, 4096, cap) == -RX_EINVAL);
}

static void
test_segments(void)
{
    struct blkring_seg s[16];

    /* One whole page. */
    CHECK(blkring_segments(0x10000, 4096, s, 16) == 1);
    CHECK(s[0].page == 0x10000 && s[0].first == 0 && s[0].last == 7);
    /* One sector in the middle of a page. */
    CHECK(blkring_segments(0x10600, 512, s, 16) == 1);
    CHECK(s[0].page == 0x10000 && s[0].first == 3 && s[0].last == 3);
    /* Unaligned to pages: 3 segments for 8 KiB starting at sector 7. */
    CHECK(blkring_segments(0x10e00, 8192, s, 16) == 3);
    CHECK(s[0].page == 0x10000 && s[0].first == 7 && s[0].last == 7);
    CHECK(s[1].page == 0x11000 && s[1].first == 0 && s[1].last == 7);
    CHECK(s[2].page == 0x12000 && s[2].first == 0 && s[2].last == 6);
    /* Too many, or unaligned. */
    CHECK(blkring_segments(0x10e00, 8192, s, 2) == -RX_EINVAL);
    CHECK(blkring_segments(0x10001, 512, s, 16) == -RX_EINVAL);
    CHECK(blkring_segments(0x10000, 100, s, 16) == -RX_EINVAL);
    CHECK(blkring_segments(0x10000, 0, s, 16) == 0);

    CHECK(blkring_chunk(0x10000, 1 << 20, 11) == 11 * 4096);
    CHECK(blkring_chunk(0x10200, 1 << 20, 11) == 11 * 4096 - 512);
    CHECK(blkring_chunk(0x10200, 1024, 11) == 1024);
    CHECK(blkring_chunk(0x10e00, 1 << 20, 1) == 512);
    /* Every chunk fits its segment budget, and chunks cover the buffer. */
    for (uintptr_t a = 0x20000; a < 0x21000; a += 512) {
        size_t left = 200 * 1024;
        uintptr_t p = a;

        while (left > 0) {
            size_t c = blkring_chunk(p, left, 11);

            CHECK(c > 0 && c % 512 == 0);
            CHECK(blkring_segments(p, c, s, 11) > 0);
            p += c;
            left -= c;
        }
    }
}

int
main(void)
{
    test_ids();
    test_responses();
    test_range();
    test_segments();
    return unit_done("blkfront_ring");
}
