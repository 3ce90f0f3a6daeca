/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the grant-reference allocator, pure code (host-tested): a free
 * stack over [first, count) with a per-reference in-use bit, so a double
 * free or a foreign reference is refused instead of corrupting the list.
 */
#ifndef PLATFORM_XEN_GNTREF_H
#define PLATFORM_XEN_GNTREF_H

#include <stdint.h>

#define GNTREF_MAX 2048

struct gntref_pool {
    uint32_t first, count;      /* refs [first, count) are ours to hand out */
    uint32_t nfree;
    uint32_t in_use;
    uint32_t stack[GNTREF_MAX]; /* free refs, top at nfree - 1 */
    uint8_t used[GNTREF_MAX];
};

/* Sets up a pool over [first, count); count <= GNTREF_MAX. */
void gntref_init(struct gntref_pool *p, uint32_t first, uint32_t count);

/* Takes a free ref into *ref. Returns 0 or -RX_ENOSPC. */
int gntref_alloc(struct gntref_pool *p, uint32_t *ref);

/* Returns ref to the pool. Returns 0, or -RX_EINVAL if it is not in use. */
int gntref_free(struct gntref_pool *p, uint32_t ref);

/*
 * Whether a frame number fits grant table v1's 32-bit frame field
 * (grant_entry_v1_t.frame). Returns 0, or -RX_ERANGE for a frame that
 * would be truncated (a page above 16 TiB): never grant a wrong page.
 */
int gntref_check_frame(uint64_t frame);

#endif
