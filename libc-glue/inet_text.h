/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internet addresses as text and back (libc-glue's inet_pton/inet_ntop/
 * inet_aton and the numeric part of getaddrinfo/getnameinfo). Pure
 * functions on bytes in network order: no system calls, no errno, no
 * libc types, so the host unit test (tests/unit/test_inet.c) builds them.
 */
#ifndef LIBC_GLUE_INET_TEXT_H
#define LIBC_GLUE_INET_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Longest texts, with the NUL. */
#define INET_TEXT_V4_MAX 16
#define INET_TEXT_V6_MAX 46

/*
 * Strict dotted quad ("a.b.c.d", each 0-255 in decimal, no leading
 * zeros beyond "0") into out[4]. Returns 1, or 0 if src is not one.
 */
int inet_text_to_v4(const char *src, uint8_t out[4]);

/*
 * inet_aton's forms: a.b.c.d, a.b.c (c 16 bits), a.b (b 24 bits), a (32
 * bits), each part decimal, octal (0...) or hex (0x...). Returns 1 or 0.
 */
int inet_text_aton(const char *src, uint8_t out[4]);

/* RFC 4291 text (with "::" and a trailing dotted quad) into out[16]. */
int inet_text_to_v6(const char *src, uint8_t out[16]);

/*
 * The address as text into dst of size bytes: IPv4 dotted quad, IPv6 in
 * RFC 5952 form (lower case, longest zero run as "::", v4-mapped as
 * ::ffff:a.b.c.d). Returns the length, or -1 if size is too small.
 */
int inet_text_from_v4(const uint8_t in[4], char *dst, size_t size);
int inet_text_from_v6(const uint8_t in[16], char *dst, size_t size);

#endif
