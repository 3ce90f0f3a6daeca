/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the xenstore wire codec and ring copies, including the
 * hostile cases: oversized lengths, unknown types, corrupt indices, wrap.
 */
#include <stdint.h>
#include <string.h>

#include <rumpxen/errno.h>

#include "unit.h"
#include "xs_wire.h"

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
    h.len = XENSTORE_PAYLOAD_MAX + 1;
    CHECK(xs_wire_check_header(&h) == -RX_EPROTO);
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
    n = xs_ring_put(ring, cons, &prod, in, sizeof(in));
    CHECK(n == XENSTORE_RING_SIZE);
    CHECK(prod - cons == XENSTORE_RING_SIZE);
    CHECK(xs_ring_put(ring, cons, &prod, in, 1) == 0);
    n = xs_ring_get(ring, &cons, prod, out, 100);
    CHECK(n == 100 && memcmp(in, out, 100) == 0);
    n = xs_ring_put(ring, cons, &prod, in + XENSTORE_RING_SIZE, 500);
    CHECK(n == 100);
    n = xs_ring_get(ring, &cons, prod, out + 100, sizeof(out));
    CHECK(n == XENSTORE_RING_SIZE);
    CHECK(memcmp(in, out, XENSTORE_RING_SIZE + 100) == 0);
    CHECK(xs_ring_get(ring, &cons, prod, out, 10) == 0);

    /* A hostile peer moves its index beyond what was produced. */
    prod = 10;
    cons = 2000;
    CHECK(xs_ring_get(ring, &cons, prod, out, 10) == -RX_EPROTO);
    CHECK(cons == 2000);
    CHECK(xs_ring_put(ring, 5000, &prod, in, 10) == -RX_EPROTO);
    CHECK(prod == 10);
}

int
main(void)
{
    test_encode();
    test_header();
    test_errors();
    test_ring();
    return unit_done("xs_wire");
}
