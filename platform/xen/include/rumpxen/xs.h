/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenstore client. Paths are absolute ("/local/domain/0/...") or
 * relative to the domain's home (/local/domain/<domid>). Every reply from
 * xenstored is validated; errors come back as negative RX_ errnos
 * (XS_ERROR "ENOENT" is -RX_ENOENT). Calls block the caller until the reply.
 */
#ifndef RUMPXEN_XS_H
#define RUMPXEN_XS_H

#include <stddef.h>
#include <stdint.h>

/* Transaction id for calls outside a transaction. */
#define XS_TX_NONE 0u

/*
 * Reads path's value into buf (NUL-terminated). Returns its length, or
 * -RX_ERANGE if buf is too small, or another negative RX_ errno.
 */
int xs_read(uint32_t tx, const char *path, char *buf, size_t size);

/* Writes value (a string) at path, creating it. Returns 0 or -errno. */
int xs_write(uint32_t tx, const char *path, const char *value);

#endif
