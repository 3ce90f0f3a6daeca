/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to blkfront: the pure bookkeeping of its ring (request ids,
 * checks of what the backend returns, splitting a buffer into page
 * segments). No hypercalls and no shared memory here, so the host unit
 * test (tests/unit/test_blkfront_ring.c) runs it with sanitizers.
 */
#ifndef PLATFORM_XEN_BLKFRONT_RING_PRIV_H
#define PLATFORM_XEN_BLKFRONT_RING_PRIV_H

#include <stddef.h>
#include <stdint.h>

/* Sector unit of the blkif protocol (sector_number, first/last_sect). */
#define BLKRING_SECTOR 512u

/*
 * Request ids 0..size-1. Each is FREE, OUTSTANDING (on the ring, no answer
 * yet) or ANSWERED (a response came, its grants are not all ended yet).
 * The caller provides the storage (size entries each).
 */
enum blkring_id_state {
    BLKRING_ID_FREE = 0,
    BLKRING_ID_OUTSTANDING = 1,
    BLKRING_ID_ANSWERED = 2,
};

struct blkring_ids {
    unsigned int size;
    unsigned int nfree;
    uint16_t *stack; /* free ids; the top is stack[nfree - 1] */
    uint8_t *state;  /* enum blkring_id_state, per id */
};

/* size is at most 65536. Every id starts free. */
void blkring_ids_init(struct blkring_ids *ids, unsigned int size,
                      uint16_t *stack, uint8_t *state);

/* Takes a free id (now OUTSTANDING). Returns 0 or -RX_ENOSPC. */
int blkring_id_alloc(struct blkring_ids *ids, unsigned int *id);

/*
 * A response names id (a backend value): accepted only if id is in range
 * and OUTSTANDING, which makes it ANSWERED. Returns 0, or -RX_EPROTO (out
 * of range, never sent, or answered twice); then nothing changed.
 */
int blkring_id_answer(struct blkring_ids *ids, uint64_t id);

/*
 * Gives id back (its grants are ended): from ANSWERED, or from
 * OUTSTANDING when the request is abandoned (a broken backend). Returns 0
 * or -RX_EINVAL if id is free or out of range (our own bug).
 */
int blkring_id_release(struct blkring_ids *ids, unsigned int id);

/*
 * How many responses the backend published between our consumer index
 * rsp_cons and its rsp_prod: at most the requests we have produced and
 * not consumed yet (req_prod - rsp_cons, with 32-bit wrap). Returns that
 * number, or -RX_EPROTO if rsp_prod claims more (a broken backend).
 */
int blkring_new_responses(uint32_t req_prod, uint32_t rsp_cons,
                          uint32_t rsp_prod);

/*
 * Maps a response status (BLKIF_RSP_*) to 0, -RX_EIO (error) or
 * -RX_ENOTSUP (operation not supported); any other value is -RX_EPROTO.
 */
int blkring_status(int16_t status);

/*
 * Whether a response's operation fits the request: the operation sent,
 * or for an indirect request either BLKIF_OP_INDIRECT or the inner one.
 */
int blkring_op_matches(uint8_t sent, uint8_t inner, uint8_t got);

/*
 * Whether [offset, offset + len) is a non-empty range of whole sectors
 * (sector_size bytes) within capacity bytes, without overflow. Returns 0
 * or -RX_EINVAL.
 */
int blkring_check_range(uint64_t offset, uint64_t len, unsigned int sector_size,
                        uint64_t capacity);

/* One page segment of a buffer, in blkif's 512-byte units. */
struct blkring_seg {
    uintptr_t page; /* page-aligned address */
    uint8_t first;  /* first sector in the page (inclusive) */
    uint8_t last;   /* last sector in the page (inclusive) */
};

/*
 * How many bytes of [addr, addr + len) the next ring request carries with
 * at most max_segs page segments (addr 512-aligned, len a multiple of
 * 512, max_segs >= 1). Never 0 when len > 0.
 */
size_t blkring_chunk(uintptr_t addr, size_t len, unsigned int max_segs);

/*
 * Fills segs with the page segments of [addr, addr + len) (512-aligned
 * address and length) and returns their number, at most max; -RX_EINVAL if
 * more would be needed or the arguments are not aligned.
 */
int blkring_segments(uintptr_t addr, size_t len, struct blkring_seg *segs,
                     unsigned int max);

#endif
