/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grant-reference allocator (see gntref_priv.h).
 */
#include <rumpxen/errno.h>

#include "gntref_priv.h"

void
gntref_init(struct gntref_pool *p, uint32_t first, uint32_t count)
{
    p->first = first;
    p->count = count > GNTREF_MAX ? GNTREF_MAX : count;
    p->nfree = 0;
    p->in_use = 0;
    /* Lowest refs on top, so they are handed out first. */
    for (uint32_t r = p->count; r-- > first;) {
        p->stack[p->nfree++] = r;
        p->used[r] = 0;
    }
}

int
gntref_alloc(struct gntref_pool *p, uint32_t *ref)
{
    uint32_t r;

    if (p->nfree == 0)
        return -RX_ENOSPC;
    r = p->stack[--p->nfree];
    p->used[r] = 1;
    p->in_use++;
    *ref = r;
    return 0;
}

int
gntref_free(struct gntref_pool *p, uint32_t ref)
{
    if (ref < p->first || ref >= p->count || !p->used[ref])
        return -RX_EINVAL;
    p->used[ref] = 0;
    p->in_use--;
    p->stack[p->nfree++] = ref;
    return 0;
}

int
gntref_check_frame(uint64_t frame)
{
    return frame > UINT32_MAX ? -RX_ERANGE : 0;
}
