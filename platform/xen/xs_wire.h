/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the xenstore wire format and ring copying as pure functions
 * (no hypercalls), so the host unit tests can drive them with hostile input.
 */
#ifndef PLATFORM_XEN_XS_WIRE_H
#define PLATFORM_XEN_XS_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

/* One piece of a request payload; pieces are concatenated. */
struct xs_part {
    const void *data;
    size_t len;
};

/*
 * Writes header and payload into out (outsize bytes). Returns the total
 * length, or -RX_E2BIG if the payload exceeds XENSTORE_PAYLOAD_MAX or out.
 */
int xs_wire_encode(uint32_t type, uint32_t req_id, uint32_t tx_id,
                   const struct xs_part *parts, unsigned int nparts,
                   void *out, size_t outsize);

/*
 * Validates a reply header from the ring. Returns 0, or -RX_EPROTO for a
 * length over XENSTORE_PAYLOAD_MAX or a type that is not a reply type.
 */
int xs_wire_check_header(const struct xsd_sockmsg *hdr);

/* Maps an XS_ERROR payload such as "ENOENT" to a negative RX_ errno. */
int xs_wire_error(const char *payload, size_t len);

/*
 * Counts the NUL-terminated strings filling payload[0..len); returns the
 * count, or -RX_EPROTO if the last one is not terminated.
 */
int xs_wire_count_strings(const char *payload, size_t len);

/*
 * Copies up to len bytes into a ring of XENSTORE_RING_SIZE bytes at *prod,
 * given the consumer index cons read from shared memory. Returns the bytes
 * copied (0: full), or -RX_EPROTO if prod - cons exceeds the ring size.
 * The caller publishes *prod after a write barrier.
 */
int xs_ring_put(char *ring, uint32_t cons, uint32_t *prod, const void *data,
                size_t len);

/*
 * Copies up to len bytes out of a ring at *cons, given the producer index
 * prod read from shared memory. Returns the bytes copied (0: empty), or
 * -RX_EPROTO if prod - cons exceeds the ring size.
 */
int xs_ring_get(const char *ring, uint32_t *cons, uint32_t prod, void *data,
                size_t len);

#endif
