/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore client over the shared ring page. One request at a time, the
 * caller waiting on the store event channel; a reply that breaks the
 * protocol marks the connection broken (every later call fails) instead of
 * trusting it.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "barrier.h"
#include "evtchn.h"
#include "internal.h"
#include "xs_wire.h"

#define XS_TIMEOUT_NS (10 * NSEC_PER_SEC)

static uint32_t xs_next_req_id = 1;
static int xs_broken;

static int
xs_fail(const char *what, int err)
{
    console_printf("xenstore: %s, connection marked broken\n", what);
    xs_broken = 1;
    return err;
}

static void
xs_wait(uint64_t deadline)
{
    evtchn_poll(boot_state.store_port, deadline);
    (void)evtchn_test_and_clear(boot_state.store_port);
}

static int
xs_send(const char *msg, size_t len, uint64_t deadline)
{
    struct xenstore_domain_interface *intf = boot_state.store_ring;

    while (len > 0) {
        uint32_t prod = intf->req_prod;
        int n;

        /* Read req_cons before writing into the slots it frees. */
        mb();
        n = xs_ring_put(intf->req, intf->req_cons, &prod, msg, len);
        if (n < 0)
            return xs_fail("request ring indices corrupt", n);
        if (n > 0) {
            /* Request bytes before the producer index (ring.h rule). */
            wmb();
            intf->req_prod = prod;
            (void)evtchn_notify(boot_state.store_port);
            msg += n;
            len -= (size_t)n;
            continue;
        }
        if (time_now_ns() >= deadline)
            return xs_fail("request timed out", -RX_ETIMEDOUT);
        xs_wait(deadline);
    }
    return 0;
}

static int
xs_recv(void *buf, size_t len, uint64_t deadline)
{
    struct xenstore_domain_interface *intf = boot_state.store_ring;

    while (len > 0) {
        uint32_t cons = intf->rsp_cons;
        uint32_t prod = intf->rsp_prod;
        int n;

        /* Read rsp_prod before the bytes it publishes. */
        rmb();
        n = xs_ring_get(intf->rsp, &cons, prod, buf, len);
        if (n < 0)
            return xs_fail("reply ring indices corrupt", n);
        if (n > 0) {
            /* Finish reading the bytes before freeing their slots. */
            mb();
            intf->rsp_cons = cons;
            (void)evtchn_notify(boot_state.store_port);
            buf = (char *)buf + n;
            len -= (size_t)n;
            continue;
        }
        if (time_now_ns() >= deadline)
            return xs_fail("reply timed out", -RX_ETIMEDOUT);
        xs_wait(deadline);
    }
    return 0;
}

/*
 * Sends one request and waits for its reply, whose payload (at most
 * XENSTORE_PAYLOAD_MAX bytes) lands in reply. Returns the payload length or
 * a negative RX_ errno (XS_ERROR replies mapped).
 */
static int
xs_talk(uint32_t type, uint32_t tx, const struct xs_part *parts,
        unsigned int nparts, char *reply)
{
    static char msg[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    uint64_t deadline = time_now_ns() + XS_TIMEOUT_NS;
    uint32_t req_id = xs_next_req_id++;
    struct xsd_sockmsg hdr;
    int len, rc;

    if (xs_broken || boot_state.store_ring == NULL)
        return -RX_EIO;
    len = xs_wire_encode(type, req_id, tx, parts, nparts, msg, sizeof(msg));
    if (len < 0)
        return len;
    if ((rc = xs_send(msg, (size_t)len, deadline)) < 0)
        return rc;
    for (;;) {
        if ((rc = xs_recv(&hdr, sizeof(hdr), deadline)) < 0)
            return rc;
        if (xs_wire_check_header(&hdr) < 0)
            return xs_fail("malformed reply header", -RX_EPROTO);
        if ((rc = xs_recv(reply, hdr.len, deadline)) < 0)
            return rc;
        /* Nothing else is in flight: anything else is stale, skip it. */
        if (hdr.type != XS_WATCH_EVENT && hdr.req_id == req_id)
            break;
    }
    if (hdr.type == XS_ERROR)
        return xs_wire_error(reply, hdr.len);
    if (hdr.type != type)
        return xs_fail("reply of the wrong type", -RX_EPROTO);
    return (int)hdr.len;
}

static struct xs_part
xs_str(const char *s)
{
    return (struct xs_part){ .data = s, .len = strlen(s) + 1 };
}

int
xs_read(uint32_t tx, const char *path, char *buf, size_t size)
{
    static char reply[XENSTORE_PAYLOAD_MAX];
    struct xs_part p = xs_str(path);
    int len = xs_talk(XS_READ, tx, &p, 1, reply);

    if (len < 0)
        return len;
    if ((size_t)len + 1 > size)
        return -RX_ERANGE;
    memcpy(buf, reply, (size_t)len);
    buf[len] = '\0';
    return len;
}

int
xs_write(uint32_t tx, const char *path, const char *value)
{
    static char reply[XENSTORE_PAYLOAD_MAX];
    struct xs_part p[2] = {
        xs_str(path),
        { .data = value, .len = strlen(value) },
    };
    int len = xs_talk(XS_WRITE, tx, p, 2, reply);

    return len < 0 ? len : 0;
}
