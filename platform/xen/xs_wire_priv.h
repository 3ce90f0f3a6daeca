/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the xenstore wire format, the encoder of requests and the
 * decoder of the reply stream, as pure functions (no hypercalls), so the
 * host unit tests and the fuzzer can drive them with hostile input.
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
 * Validates a reply header. Returns 0, -RX_EMSGSIZE for a length over
 * XENSTORE_PAYLOAD_MAX, or -RX_EPROTO for a type that is not a reply type.
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
 * The reader of xenstore's reply stream: bytes in, whole validated
 * messages out. It keeps its own copy of every byte (the ring is read
 * once), so a message it hands out can not change under the caller.
 */
struct xs_decoder {
    struct xsd_sockmsg hdr; /* the message, once feed returned 1 */
    char payload[XENSTORE_PAYLOAD_MAX + 1]; /* hdr.len bytes, then a NUL */
    size_t have;  /* bytes of the current message (header + payload) */
    int complete; /* the current message was handed out */
    int error;    /* sticky: 0 or the error that broke the stream */
};

/* Empties the decoder for a new stream. */
void xs_decoder_init(struct xs_decoder *d);

/*
 * Consumes bytes of data[0..len) until a message is complete or the bytes
 * run out, and sets *used to how many it consumed. Returns 1 when a
 * message is complete: d->hdr and d->payload hold it until the next call;
 * call again with the rest. Returns 0 when all len bytes were consumed
 * without completing one. Returns a negative RX_ errno when the stream
 * breaks the protocol, and the same error on every later call (the
 * stream can not be resynchronised): -RX_EMSGSIZE for a length over
 * XENSTORE_PAYLOAD_MAX, -RX_EPROTO for a type that is not a reply or a
 * watch event whose payload is not two NUL-terminated strings or more.
 * Pure code, never blocks.
 */
int xs_decoder_feed(struct xs_decoder *d, const void *data, size_t len,
                    size_t *used);

#endif
