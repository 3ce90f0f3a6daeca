/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore wire format (xen/io/xs_wire.h): the request encoder and the
 * reply stream decoder. Pure code: every length from the other side is
 * checked in our own copy, nothing is trusted.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>

#include "xs_wire_priv.h"

int
xs_wire_encode(uint32_t type, uint32_t req_id, uint32_t tx_id,
               const struct xs_part *parts, unsigned int nparts, void *out,
               size_t outsize)
{
    struct xsd_sockmsg hdr = {
        .type = type,
        .req_id = req_id,
        .tx_id = tx_id,
        .len = 0,
    };
    char *p = (char *)out + sizeof(hdr);

    for (unsigned int i = 0; i < nparts; i++) {
        if (parts[i].len > XENSTORE_PAYLOAD_MAX - hdr.len)
            return -RX_E2BIG;
        hdr.len += (uint32_t)parts[i].len;
    }
    if (sizeof(hdr) + hdr.len > outsize)
        return -RX_E2BIG;
    memcpy(out, &hdr, sizeof(hdr));
    for (unsigned int i = 0; i < nparts; i++) {
        memcpy(p, parts[i].data, parts[i].len);
        p += parts[i].len;
    }
    return (int)(sizeof(hdr) + hdr.len);
}

int
xs_wire_check_header(const struct xsd_sockmsg *hdr)
{
    if (hdr->len > XENSTORE_PAYLOAD_MAX)
        return -RX_EMSGSIZE;
    switch (hdr->type) {
    case XS_DIRECTORY:
    case XS_READ:
    case XS_WATCH:
    case XS_UNWATCH:
    case XS_TRANSACTION_START:
    case XS_TRANSACTION_END:
    case XS_WRITE:
    case XS_MKDIR:
    case XS_RM:
    case XS_GET_PERMS:
    case XS_SET_PERMS:
    case XS_WATCH_EVENT:
    case XS_ERROR:
    case XS_GET_DOMAIN_PATH:
        return 0;
    default:
        return -RX_EPROTO;
    }
}

static const struct {
    const char *name;
    int err;
} xs_errors[] = {
    { "EINVAL", RX_EINVAL }, { "EACCES", RX_EACCES },
    { "EEXIST", RX_EEXIST }, { "EISDIR", RX_EISDIR },
    { "ENOENT", RX_ENOENT }, { "ENOMEM", RX_ENOMEM },
    { "ENOSPC", RX_ENOSPC }, { "EIO", RX_EIO },
    { "ENOTEMPTY", RX_ENOTEMPTY }, { "ENOSYS", RX_ENOSYS },
    { "EROFS", RX_EROFS }, { "EBUSY", RX_EBUSY },
    { "EAGAIN", RX_EAGAIN }, { "EISCONN", RX_EEXIST },
    { "E2BIG", RX_E2BIG }, { "EPERM", RX_EPERM },
};

int
xs_wire_error(const char *payload, size_t len)
{
    /* The name may or may not carry its NUL inside len. */
    if (len > 0 && payload[len - 1] == '\0')
        len--;
    for (size_t i = 0; i < sizeof(xs_errors) / sizeof(xs_errors[0]); i++) {
        if (strlen(xs_errors[i].name) == len &&
            memcmp(xs_errors[i].name, payload, len) == 0)
            return -xs_errors[i].err;
    }
    return -RX_EIO;
}

int
xs_wire_count_strings(const char *payload, size_t len)
{
    int n = 0;

    if (len == 0)
        return 0;
    if (payload[len - 1] != '\0')
        return -RX_EPROTO;
    for (size_t i = 0; i < len; i++)
        if (payload[i] == '\0')
            n++;
    return n;
}

void
xs_decoder_init(struct xs_decoder *d)
{
    d->have = 0;
    d->complete = 0;
    d->error = 0;
}

/* Checks a whole message: its header was checked when it was complete. */
static int
check_message(const struct xs_decoder *d)
{
    if (d->hdr.type == XS_WATCH_EVENT &&
        xs_wire_count_strings(d->payload, d->hdr.len) < 2)
        return -RX_EPROTO;
    return 0;
}

int
xs_decoder_feed(struct xs_decoder *d, const void *data, size_t len,
                size_t *used)
{
    const size_t hlen = sizeof(d->hdr);
    const char *in = data;
    size_t n, off = 0;

    *used = 0;
    if (d->error)
        return d->error;
    if (d->complete) {
        d->have = 0;
        d->complete = 0;
    }
    if (d->have < hlen) {
        n = hlen - d->have < len ? hlen - d->have : len;
        memcpy((char *)&d->hdr + d->have, in, n);
        d->have += n;
        off = n;
        *used = off;
        if (d->have < hlen)
            return 0;
        /* Checked in our copy, before the length is used. */
        if ((d->error = xs_wire_check_header(&d->hdr)) < 0)
            return d->error;
    }
    n = hlen + d->hdr.len - d->have;
    if (n > len - off)
        n = len - off;
    memcpy(d->payload + (d->have - hlen), in + off, n);
    d->have += n;
    off += n;
    *used = off;
    if (d->have < hlen + d->hdr.len)
        return 0;
    d->payload[d->hdr.len] = '\0';
    if ((d->error = check_message(d)) < 0)
        return d->error;
    d->complete = 1;
    return 1;
}
