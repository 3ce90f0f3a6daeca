/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target (`make fuzz`): the xenstore reply decoder of xs_wire.c
 * on arbitrary byte streams. The first input byte picks how the rest is cut
 * into feeds; the decoder must never read or write out of bounds, consume
 * more than it was given, stop early without a message or an error, hand
 * out a message that fails validation, or decode a different sequence of
 * messages than when the same stream arrives in one piece.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rumpxen/errno.h>

#include "xs_wire_priv.h"

/* What one decoded message was, in order, for the comparison. */
struct seen {
    uint32_t type, req_id, tx_id, len, sum;
};

#define MAX_SEEN 512

static uint32_t
checksum(const char *p, uint32_t len)
{
    uint32_t h = 2166136261u;

    for (uint32_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)p[i]) * 16777619u;
    return h;
}

/* Checks what feed returned; records a message. Returns rc. */
static int
check(struct xs_decoder *d, int rc, size_t used, size_t given,
      struct seen *seen, int *n)
{
    if (used > given)
        abort();
    if (rc == 0 && used != given)
        abort();
    if (rc < 0 && rc != -RX_EPROTO && rc != -RX_EMSGSIZE)
        abort();
    if (rc == 1) {
        /* Checked here independently of the code under test. */
        if (d->hdr.len > XENSTORE_PAYLOAD_MAX ||
            xs_wire_check_header(&d->hdr) != 0 ||
            d->payload[d->hdr.len] != '\0')
            abort();
        if (d->hdr.type == XS_WATCH_EVENT &&
            xs_wire_count_strings(d->payload, d->hdr.len) < 2)
            abort();
        if (d->hdr.type == XS_ERROR)
            (void)xs_wire_error(d->payload, d->hdr.len);
        if (*n < MAX_SEEN)
            seen[*n] = (struct seen){
                .type = d->hdr.type,
                .req_id = d->hdr.req_id,
                .tx_id = d->hdr.tx_id,
                .len = d->hdr.len,
                .sum = checksum(d->payload, d->hdr.len),
            };
        (*n)++;
    }
    return rc;
}

/* Feeds data in pieces of at most step bytes. Returns the final error. */
static int
run(struct xs_decoder *d, const char *data, size_t len, size_t step,
    struct seen *seen, int *n)
{
    size_t off = 0, used;
    int rc = 0;

    xs_decoder_init(d);
    *n = 0;
    while (off < len) {
        size_t piece = len - off < step ? len - off : step;

        rc = xs_decoder_feed(d, data + off, piece, &used);
        rc = check(d, rc, used, piece, seen, n);
        off += used;
        if (rc < 0) {
            /* Sticky: the same error, nothing consumed. */
            if (xs_decoder_feed(d, data, len, &used) != rc || used != 0)
                abort();
            return rc;
        }
    }
    return rc < 0 ? rc : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct xs_decoder whole, split;
    static struct seen seen_whole[MAX_SEEN], seen_split[MAX_SEEN];
    int n_whole, n_split, rc_whole, rc_split;
    size_t step;

    if (size < 1)
        return 0;
    step = 1 + data[0] % 64;
    rc_whole = run(&whole, (const char *)data + 1, size - 1, size, seen_whole,
                   &n_whole);
    rc_split = run(&split, (const char *)data + 1, size - 1, step, seen_split,
                   &n_split);
    if (rc_whole != rc_split || n_whole != n_split)
        abort();
    if (memcmp(seen_whole, seen_split,
               sizeof(struct seen) *
                   (size_t)(n_whole < MAX_SEEN ? n_whole : MAX_SEEN)) != 0)
        abort();
    return 0;
}
