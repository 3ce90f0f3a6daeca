/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the grant-reference allocator: reserved refs never
 * handed out, exhaustion and recovery, double free and foreign refs
 * refused, in-use count exact through a random sequence, frames that do
 * not fit grant table v1's 32-bit field refused.
 */
#include <stdlib.h>
#include <string.h>

#include <rumpxen/errno.h>

#include "gntref_priv.h"
#include "unit.h"

static struct gntref_pool pool;

int
main(void)
{
    static uint32_t held[GNTREF_MAX];
    static int mine[GNTREF_MAX];
    uint32_t r, n = 0;

    gntref_init(&pool, 8, 64);
    CHECK(gntref_alloc(&pool, &r) == 0 && r == 8);
    CHECK(gntref_free(&pool, r) == 0);
    CHECK(gntref_free(&pool, r) == -RX_EINVAL); /* double free */
    CHECK(gntref_free(&pool, 3) == -RX_EINVAL); /* reserved */
    CHECK(gntref_free(&pool, 64) == -RX_EINVAL); /* out of range */
    CHECK(pool.in_use == 0);

    while (gntref_alloc(&pool, &r) == 0) {
        CHECK(r >= 8 && r < 64 && !mine[r]);
        mine[r] = 1;
        held[n++] = r;
    }
    CHECK(n == 56 && pool.in_use == 56);
    CHECK(gntref_alloc(&pool, &r) == -RX_ENOSPC);
    for (uint32_t i = 0; i < n; i++)
        CHECK(gntref_free(&pool, held[i]) == 0);
    CHECK(pool.in_use == 0);

    /* Random grant/end sequence against a model. */
    memset(mine, 0, sizeof(mine));
    gntref_init(&pool, 8, GNTREF_MAX);
    n = 0;
    srand(42);
    for (int i = 0; i < 100000; i++) {
        if (n > 0 && (rand() % 2 || n == GNTREF_MAX - 8)) {
            uint32_t k = (uint32_t)rand() % n;

            CHECK(gntref_free(&pool, held[k]) == 0);
            mine[held[k]] = 0;
            held[k] = held[--n];
        } else if (gntref_alloc(&pool, &r) == 0) {
            CHECK(!mine[r]);
            mine[r] = 1;
            held[n++] = r;
        }
        if (pool.in_use != n) {
            CHECK(pool.in_use == n);
            break;
        }
    }

    /* Grant table v1 holds a frame in 32 bits; nothing is truncated. */
    CHECK(gntref_check_frame(0) == 0);
    CHECK(gntref_check_frame(UINT32_MAX) == 0);
    CHECK(gntref_check_frame((uint64_t)UINT32_MAX + 1) == -RX_ERANGE);
    CHECK(gntref_check_frame(1ULL << 40) == -RX_ERANGE);
    CHECK(gntref_check_frame(UINT64_MAX) == -RX_ERANGE);
    return unit_done("gntref");
}
