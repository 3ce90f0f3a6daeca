/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront's pure ring bookkeeping (see blkfront_ring_priv.h): request ids,
 * response checks, page segments. No hypercalls, no shared memory.
 */
#include <rumpxen/errno.h>

#include "blkfront_ring_priv.h"
#include "xen_priv.h"

#include <xen/io/blkif.h>

#define PAGE_BYTES 4096u

void
blkring_ids_init(struct blkring_ids *ids, unsigned int size, uint16_t *stack,
                 uint8_t *state)
{
    ids->size = size;
    ids->stack = stack;
    ids->state = state;
    /* Lowest ids on top, so a fresh ring uses 0, 1, 2, ... */
    for (unsigned int i = 0; i < size; i++) {
        stack[i] = (uint16_t)(size - 1 - i);
        state[i] = BLKRING_ID_FREE;
    }
    ids->nfree = size;
}

int
blkring_id_alloc(struct blkring_ids *ids, unsigned int *id)
{
    unsigned int i;

    if (ids->nfree == 0)
        return -RX_ENOSPC;
    i = ids->stack[--ids->nfree];
    ids->state[i] = BLKRING_ID_OUTSTANDING;
    *id = i;
    return 0;
}

int
blkring_id_answer(struct blkring_ids *ids, uint64_t id)
{
    if (id >= ids->size || ids->state[id] != BLKRING_ID_OUTSTANDING)
        return -RX_EPROTO;
    ids->state[id] = BLKRING_ID_ANSWERED;
    return 0;
}

int
blkring_id_release(struct blkring_ids *ids, unsigned int id)
{
    if (id >= ids->size || ids->state[id] == BLKRING_ID_FREE)
        return -RX_EINVAL;
    ids->state[id] = BLKRING_ID_FREE;
    ids->stack[ids->nfree++] = (uint16_t)id;
    return 0;
}

int
blkring_new_responses(uint32_t req_prod, uint32_t rsp_cons, uint32_t rsp_prod)
{
    uint32_t pending = req_prod - rsp_cons;
    uint32_t n = rsp_prod - rsp_cons;

    return n > pending ? -RX_EPROTO : (int)n;
}

int
blkring_status(int16_t status)
{
    switch (status) {
    case BLKIF_RSP_OKAY:
        return 0;
    case BLKIF_RSP_ERROR:
        return -RX_EIO;
    case BLKIF_RSP_EOPNOTSUPP:
        return -RX_ENOTSUP;
    default:
        return -RX_EPROTO;
    }
}

int
blkring_op_matches(uint8_t sent, uint8_t inner, uint8_t got)
{
    if (got == sent)
        return 1;
    return sent == BLKIF_OP_INDIRECT && got == inner;
}

int
blkring_check_range(uint64_t offset, uint64_t len, unsigned int sector_size,
                    uint64_t capacity)
{
    if (len == 0 || len % sector_size || offset % sector_size ||
        offset > capacity || len > capacity - offset)
        return -RX_EINVAL;
    return 0;
}

size_t
blkring_chunk(uintptr_t addr, size_t len, unsigned int max_segs)
{
    size_t room = (size_t)max_segs * PAGE_BYTES - (addr % PAGE_BYTES);

    return len < room ? len : room;
}

int
blkring_segments(uintptr_t addr, size_t len, struct blkring_seg *segs,
                 unsigned int max)
{
    unsigned int n = 0;

    if (addr % BLKRING_SECTOR || len % BLKRING_SECTOR)
        return -RX_EINVAL;
    while (len > 0) {
        uintptr_t off = addr % PAGE_BYTES;
        size_t piece = PAGE_BYTES - off;

        if (piece > len)
            piece = len;
        if (n == max)
            return -RX_EINVAL;
        segs[n].page = addr - off;
        segs[n].first = (uint8_t)(off / BLKRING_SECTOR);
        segs[n].last = (uint8_t)((off + piece) / BLKRING_SECTOR - 1);
        n++;
        addr += piece;
        len -= piece;
    }
    return (int)n;
}
