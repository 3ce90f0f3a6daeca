/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the xenstore wire codec, the reply stream decoder and
 * the shared byte-ring copies, including the hostile cases: oversized
 * lengths, unknown types, garbage, split headers, byte-at-a-time input,
 * many messages in one feed, corrupt indices, index wrap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rumpxen/errno.h>

#include "shring_priv.h"
#include "unit.h"
#include "xs_wire_priv.h"

static void
test_encode(void)
{
    char out[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg hdr;
    struct xs_part parts[2] = {
        { "data/exit-status", 17 },
        { "3", 1 },
    };
    static char big[XENSTORE_PAYLOAD_MAX + 1];
    struct xs_part too_big = { big, sizeof(big) };
    int n;

    n = xs_wire_encode(XS_WRITE, 7, 0, parts, 2, out, sizeof(out));
    CHECK(n == (int)sizeof(hdr) + 18);
    memcpy(&hdr, out, sizeof(hdr));
    CHECK(hdr.type == XS_WRITE && hdr.req_id == 7 && hdr.tx_id == 0);
    CHECK(hdr.len == 18);
    CHECK(memcmp(out + sizeof(hdr), "data/exit-status\0" "3", 18) == 0);
    CHECK(xs_wire_encode(XS_WRITE, 1, 0, &too_big, 1, out, sizeof(out)) ==
          -RX_E2BIG);
    CHECK(xs_wire_encode(XS_WRITE, 1, 0, parts, 2, out, 20) == -RX_E2BIG);
}

static void
test_header(void)
{
    struct xsd_sockmsg h = { .type = XS_READ, .len = 10 };

    CHECK(xs_wire_check_header(&h) == 0);
    h.len = XENSTORE_PAYLOAD_MAX;
    CHECK(xs_wire_check_header(&h) == 0);
    h.len = XENSTORE_PAYLOAD_MAX + 1;
    CHECK(xs_wire_check_header(&h) == -RX_EMSGSIZE);
    h.len = UINT32_MAX;
    CHECK(xs_wire_check_header(&h) == -RX_EMSGSIZE);
    h.len = 0;
    h.type = 0xdead;
    CHECK(xs_wire_check_header(&h) == -RX_EPROTO);
    h.type = XS_ERROR;
    CHECK(xs_wire_check_header(&h) == 0);
}

static void
test_errors(void)
{
    CHECK(xs_wire_error("ENOENT", 7) == -RX_ENOENT);
    CHECK(xs_wire_error("ENOENT", 6) == -RX_ENOENT);
    CHECK(xs_wire_error("EAGAIN", 7) == -RX_EAGAIN);
    CHECK(xs_wire_error("EACCES", 7) == -RX_EACCES);
    CHECK(xs_wire_error("ENOEN", 6) == -RX_EIO);
    CHECK(xs_wire_error("", 0) == -RX_EIO);
    CHECK(xs_wire_count_strings("a\0bc\0", 5) == 2);
    CHECK(xs_wire_count_strings("", 0) == 0);
    CHECK(xs_wire_count_strings("a\0bc", 4) == -RX_EPROTO);
}

static void
test_ring(void)
{
    char ring[XENSTORE_RING_SIZE];
    char in[3000], out[3000];
    uint32_t prod = 0xfffffff0u, cons = 0xfffffff0u; /* wrap the indices */
    int n;

    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = (char)(i * 7);
    n = shring_put(ring, XENSTORE_RING_SIZE, cons, &prod, in, sizeof(in));
    CHECK(n == XENSTORE_RING_SIZE);
    CHECK(prod - cons == XENSTORE_RING_SIZE);
    CHECK(shring_put(ring, XENSTORE_RING_SIZE, cons, &prod, in, 1) == 0);
    n = shring_get(ring, XENSTORE_RING_SIZE, &cons, prod, out, 100);
    CHECK(n == 100 && memcmp(in, out, 100) == 0);
    n = shring_put(ring, XENSTORE_RING_SIZE, cons, &prod,
                   in + XENSTORE_RING_SIZE, 500);
    CHECK(n == 100);
    n = shring_get(ring, XENSTORE_RING_SIZE, &cons, prod, out + 100,
                   sizeof(out));
    CHECK(n == XENSTORE_RING_SIZE);
    CHECK(memcmp(in, out, XENSTORE_RING_SIZE + 100) == 0);
    CHECK(shring_get(ring, XENSTORE_RING_SIZE, &cons, prod, out, 10) == 0);

    /* A hostile peer moves its index beyond what was produced. */
    prod = 10;
    cons = 2000;
    CHECK(shring_get(ring, XENSTORE_RING_SIZE, &cons, prod, out, 10) == -1);
    CHECK(cons == 2000);
    CHECK(shring_put(ring, XENSTORE_RING_SIZE, 5000, &prod, in, 10) == -1);
    CHECK(prod == 10);
}

/* Appends one message to buf at *off. */
static void
put_msg(char *buf, size_t *off, uint32_t type, uint32_t req_id,
        const void *payload, uint32_t len)
{
    struct xsd_sockmsg h = { .type = type, .req_id = req_id, .len = len };

    memcpy(buf + *off, &h, sizeof(h));
    memcpy(buf + *off + sizeof(h), payload, len);
    *off += sizeof(h) + len;
}

/*
 * Feeds data in pieces of at most step bytes; records each message's
 * req_id and length. Returns the number of messages, or the error.
 */
static int
decode_all(const char *data, size_t len, size_t step, uint32_t *ids,
           uint32_t *lens, int max)
{
    static struct xs_decoder d;
    size_t off = 0, used;
    int n = 0, rc = 0;

    xs_decoder_init(&d);
    while (off < len) {
        size_t piece = len - off < step ? len - off : step;
        size_t poff = 0;

        while (poff < piece || rc == 1) {
            rc = xs_decoder_feed(&d, data + off + poff, piece - poff, &used);
            if (used > piece - poff)
                return -1000; /* consumed more than given */
            poff += used;
            if (rc < 0)
                return rc;
            if (rc == 1) {
                if (n < max) {
                    ids[n] = d.hdr.req_id;
                    lens[n] = d.hdr.len;
                }
                if (d.payload[d.hdr.len] != '\0')
                    return -1001; /* not terminated for the caller */
                n++;
            } else if (poff < piece) {
                return -1002; /* 0 but bytes left */
            }
        }
        off += piece;
    }
    return n;
}

static void
test_decoder(void)
{
    static char stream[64 * 1024];
    static char big[XENSTORE_PAYLOAD_MAX];
    uint32_t ids[256], lens[256];
    size_t len = 0;
    const size_t steps[] = { 1, 2, 3, 7, 15, 16, 17, 1000, 4096, 65536 };

    /* Many messages, some empty, one of the largest size. */
    for (uint32_t i = 0; i < 40; i++)
        put_msg(stream, &len, XS_READ, i, "value", i % 3 ? 5 : 0);
    put_msg(stream, &len, XS_WATCH_EVENT, 40, "a/b\0tok\0", 8);
    put_msg(stream, &len, XS_ERROR, 41, "ENOENT", 7);
    memset(big, 'x', sizeof(big));
    put_msg(stream, &len, XS_READ, 42, big, sizeof(big));
    for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
        int n = decode_all(stream, len, steps[s], ids, lens, 256);
        int ok = n == 43;

        for (int i = 0; ok && i < 43; i++)
            ok = ids[i] == (uint32_t)i;
        ok = ok && lens[0] == 0 && lens[1] == 5 && lens[42] == sizeof(big);
        CHECK(ok);
    }

    /* A length over the maximum, after a split header. */
    len = 0;
    put_msg(stream, &len, XS_READ, 1, "ok", 2);
    {
        struct xsd_sockmsg h = { .type = XS_READ,
                                 .len = XENSTORE_PAYLOAD_MAX + 1 };

        memcpy(stream + len, &h, sizeof(h));
        len += sizeof(h) + 10;
    }
    CHECK(decode_all(stream, len, 1, ids, lens, 256) == -RX_EMSGSIZE);
    CHECK(decode_all(stream, len, 9, ids, lens, 256) == -RX_EMSGSIZE);
    CHECK(decode_all(stream, len, len, ids, lens, 256) == -RX_EMSGSIZE);

    /* An unknown type, a request type, and a watch event of one string. */
    len = 0;
    put_msg(stream, &len, 0xdeadbeef, 1, "", 0);
    CHECK(decode_all(stream, len, 3, ids, lens, 256) == -RX_EPROTO);
    len = 0;
    put_msg(stream, &len, XS_WATCH_EVENT, 1, "only\0", 5);
    CHECK(decode_all(stream, len, 5, ids, lens, 256) == -RX_EPROTO);
    len = 0;
    put_msg(stream, &len, XS_WATCH_EVENT, 1, "no nul", 6);
    CHECK(decode_all(stream, len, 100, ids, lens, 256) == -RX_EPROTO);

    /* Garbage: the error is sticky, later good input does not resync. */
    {
        static struct xs_decoder d;
        size_t used;

        xs_decoder_init(&d);
        memset(stream, 0xff, 64);
        CHECK(xs_decoder_feed(&d, stream, 64, &used) == -RX_EMSGSIZE);
        CHECK(used <= 64);
        len = 0;
        put_msg(stream, &len, XS_READ, 1, "ok", 2);
        CHECK(xs_decoder_feed(&d, stream, len, &used) == -RX_EMSGSIZE);
        CHECK(used == 0);
        xs_decoder_init(&d);
        CHECK(xs_decoder_feed(&d, stream, len, &used) == 1 && used == len);
        CHECK(d.hdr.len == 2 && memcmp(d.payload, "ok", 3) == 0);
        CHECK(xs_decoder_feed(&d, stream, 0, &used) == 0 && used == 0);
    }

    /* Random garbage never makes the decoder overrun or misreport. */
    srand(1);
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(rand() % 200);
        int rc;

        for (size_t i = 0; i < n; i++)
            stream[i] = (char)(rand() % 4 == 0 ? rand() : rand() % 8);
        rc = decode_all(stream, n, (size_t)(1 + rand() % 20), ids, lens, 256);
        CHECK(rc >= 0 || rc == -RX_EPROTO || rc == -RX_EMSGSIZE);
    }
}

int
main(void)
{
    test_encode();
    test_header();
    test_errors();
    test_ring();
    test_decoder();
    return unit_done("xs_wire");
}
