/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore client over the shared ring page. Any number of threads may
 * have requests in flight; the store event handler reads whole messages
 * off the ring and hands each reply to the request with its id, each watch
 * event to its watch. A message that breaks the protocol marks the
 * connection broken (every call then fails) instead of being trusted.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "evtchn_priv.h"
#include "platform_priv.h"
#include "shring_priv.h"
#include "xs_wire_priv.h"

struct xs_req {
    uint32_t req_id;
    int done;
    struct xsd_sockmsg hdr;
    char *reply; /* XENSTORE_PAYLOAD_MAX bytes */
    struct waitq wq;
    struct xs_req *next;
};

struct xs_watch_event {
    struct xs_watch_event *next;
    char path[];
};

static uint32_t next_req_id = 1;
static unsigned int next_token = 1;
static int broken;
static struct xs_req *inflight;
static struct xs_watch *watches;

/* One sender at a time, so messages never interleave on the ring. */
static int sending;
static struct waitq send_wq;  /* threads waiting to send */
static struct waitq space_wq; /* the sender waiting for ring space */

/*
 * Our own ring indices, private copies (shring_priv.h): read from the page
 * once at xs_init, then only written to it.
 */
static uint32_t req_prod, rsp_cons;
/* The reply stream: bytes copied out of the ring, then decoded. */
static struct xs_decoder dec;
static char rx_bytes[XENSTORE_RING_SIZE];

static void
xs_fail(const char *what)
{
    if (!broken)
        console_printf("xenstore: %s, connection marked broken\n", what);
    broken = 1;
    /* Every waiter finds `broken` set when it runs. */
    for (struct xs_req *r = inflight; r; r = r->next)
        waitq_wake_all(&r->wq);
    waitq_wake_all(&space_wq);
    waitq_wake_all(&send_wq);
}

/* A watch event; the decoder checked it holds two strings or more. */
static void
deliver_watch(const char *payload)
{
    const char *path = payload, *token;
    struct xs_watch_event *ev;
    struct xs_watch *w;
    size_t plen;

    plen = strlen(path);
    token = path + plen + 1;
    for (w = watches; w; w = w->next)
        if (strcmp(w->token, token) == 0)
            break;
    if (w == NULL)
        return; /* removed meanwhile */
    if (w->queued == XS_WATCH_QUEUE) {
        ev = w->head;
        w->head = ev->next;
        if (w->head == NULL)
            w->tail = NULL;
        w->queued--;
        w->overflowed = 1;
        mm_free(ev);
    }
    ev = mm_malloc(sizeof(*ev) + plen + 1, 0);
    if (ev == NULL) {
        w->overflowed = 1;
        return;
    }
    memcpy(ev->path, path, plen + 1);
    ev->next = NULL;
    if (w->tail)
        w->tail->next = ev;
    else
        w->head = ev;
    w->tail = ev;
    w->queued++;
    waitq_wake_all(&w->wq);
}

/* A whole, validated message from the decoder. */
static void
deliver(const struct xsd_sockmsg *hdr, const char *payload)
{
    struct xs_req **pp;

    if (hdr->type == XS_WATCH_EVENT) {
        deliver_watch(payload);
        return;
    }
    for (pp = &inflight; *pp; pp = &(*pp)->next) {
        struct xs_req *r = *pp;

        if (r->req_id == hdr->req_id) {
            r->hdr = *hdr;
            memcpy(r->reply, payload, hdr->len);
            r->done = 1;
            *pp = r->next;
            waitq_wake_all(&r->wq);
            return;
        }
    }
    /* A reply nobody waits for (timed out): dropped. */
}

/* Decodes n bytes copied out of the ring; delivers each whole message. */
static void
xs_decode(const char *bytes, size_t n)
{
    size_t off = 0, used;
    int rc;

    while (off < n && !broken) {
        rc = xs_decoder_feed(&dec, bytes + off, n - off, &used);
        off += used;
        if (rc == -RX_EMSGSIZE) {
            xs_fail("reply longer than XENSTORE_PAYLOAD_MAX");
        } else if (rc < 0) {
            xs_fail("malformed reply");
        } else if (rc == 1) {
            deliver(&dec.hdr, dec.payload);
        }
    }
}

/* Copies out what the ring holds, frees it, and decodes it. */
static void
xs_pump(void)
{
    struct xenstore_domain_interface *intf = boot_state.store_ring;

    while (!broken) {
        /* Acquire: the bytes are read after rsp_prod (ring.h, xs_wire.h). */
        uint32_t prod = shring_load(&intf->rsp_prod);
        int n = shring_get(intf->rsp, XENSTORE_RING_SIZE, &rsp_cons, prod,
                           rx_bytes, sizeof(rx_bytes));

        if (n < 0) {
            xs_fail("reply ring indices corrupt");
            return;
        }
        if (n == 0)
            return;
        /* Release: our copy is complete before the slots are freed. */
        shring_store(&intf->rsp_cons, rsp_cons);
        (void)evtchn_notify(boot_state.store_port);
        xs_decode(rx_bytes, (size_t)n);
    }
}

static void
xs_event(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
    xs_pump();
    waitq_wake_all(&space_wq);
}

static int
xs_send(const char *msg, size_t len, uint64_t deadline)
{
    struct xenstore_domain_interface *intf = boot_state.store_ring;
    int rc = 0;

    while (sending && !broken)
        if (waitq_wait(&send_wq, deadline) < 0)
            return -RX_ETIMEDOUT;
    sending = 1;
    while (len > 0 && !broken) {
        /* Acquire: slots are overwritten only after req_cons frees them. */
        uint32_t cons = shring_load(&intf->req_cons);
        int n = shring_put(intf->req, XENSTORE_RING_SIZE, cons, &req_prod, msg,
                           len);

        if (n < 0) {
            xs_fail("request ring indices corrupt");
            break;
        }
        if (n > 0) {
            /* Release: the request bytes are visible before req_prod. */
            shring_store(&intf->req_prod, req_prod);
            (void)evtchn_notify(boot_state.store_port);
            msg += n;
            len -= (size_t)n;
            continue;
        }
        if (waitq_wait(&space_wq, deadline) < 0) {
            /* Half a message on the ring can not be taken back. */
            xs_fail("request timed out");
            break;
        }
    }
    if (broken)
        rc = -RX_EIO;
    sending = 0;
    waitq_wake_one(&send_wq);
    return rc;
}

/*
 * Sends one request and waits for its reply; the payload (at most
 * XENSTORE_PAYLOAD_MAX bytes) lands in reply. Returns the payload length or
 * a negative RX_ errno (XS_ERROR replies mapped).
 */
static int
xs_talk(uint32_t type, uint32_t tx, const struct xs_part *parts,
        unsigned int nparts, char *reply)
{
    char *msg = mm_malloc(sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX, 0);
    uint64_t deadline = time_now_ns() + XS_TIMEOUT_MS * NSEC_PER_MSEC;
    struct xs_req req = { .req_id = next_req_id++, .reply = reply };
    int len, rc;

    if (msg == NULL)
        return -RX_ENOMEM;
    if (broken || boot_state.store_ring == NULL) {
        rc = -RX_EIO;
        goto out;
    }
    len = xs_wire_encode(type, req.req_id, tx, parts, nparts, msg,
                         sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX);
    if (len < 0) {
        rc = len;
        goto out;
    }
    /* Listed before sending: the reply may arrive while we still send. */
    req.next = inflight;
    inflight = &req;
    rc = xs_send(msg, (size_t)len, deadline);
    while (rc == 0 && !req.done && !broken)
        if (waitq_wait(&req.wq, deadline) < 0)
            rc = -RX_ETIMEDOUT;
    if (!req.done) {
        for (struct xs_req **pp = &inflight; *pp; pp = &(*pp)->next)
            if (*pp == &req) {
                *pp = req.next;
                break;
            }
        if (rc == 0)
            rc = -RX_EIO;
        goto out;
    }
    if (req.hdr.type == XS_ERROR)
        rc = xs_wire_error(reply, req.hdr.len);
    else if (req.hdr.type != type)
        rc = -RX_EPROTO;
    else
        rc = (int)req.hdr.len;
out:
    mm_free(msg);
    return rc;
}

static struct xs_part
xs_str(const char *s)
{
    return (struct xs_part){ .data = s, .len = strlen(s) + 1 };
}

/* A request whose reply payload is copied out; returns its length. */
static int
xs_call(uint32_t type, uint32_t tx, const struct xs_part *parts,
        unsigned int nparts, char *buf, size_t size)
{
    char *reply = mm_malloc(XENSTORE_PAYLOAD_MAX, 0);
    int len;

    if (reply == NULL)
        return -RX_ENOMEM;
    len = xs_talk(type, tx, parts, nparts, reply);
    if (len >= 0 && buf) {
        if ((size_t)len + 1 > size)
            len = -RX_ERANGE;
        else {
            memcpy(buf, reply, (size_t)len);
            buf[len] = '\0';
        }
    }
    mm_free(reply);
    return len;
}

int
xs_read(uint32_t tx, const char *path, char *buf, size_t size)
{
    struct xs_part p = xs_str(path);

    return xs_call(XS_READ, tx, &p, 1, buf, size);
}

int
xs_write(uint32_t tx, const char *path, const char *value)
{
    struct xs_part p[2] = {
        xs_str(path),
        { .data = value, .len = strlen(value) },
    };
    int len = xs_call(XS_WRITE, tx, p, 2, NULL, 0);

    return len < 0 ? len : 0;
}

int
xs_mkdir(uint32_t tx, const char *path)
{
    struct xs_part p = xs_str(path);
    int len = xs_call(XS_MKDIR, tx, &p, 1, NULL, 0);

    return len < 0 ? len : 0;
}

int
xs_rm(uint32_t tx, const char *path)
{
    struct xs_part p = xs_str(path);
    int len = xs_call(XS_RM, tx, &p, 1, NULL, 0);

    return len < 0 ? len : 0;
}

int
xs_directory(uint32_t tx, const char *path, char *buf, size_t size)
{
    struct xs_part p = xs_str(path);
    int len = xs_call(XS_DIRECTORY, tx, &p, 1, buf, size);

    if (len < 0)
        return len;
    /* buf[len] is our own NUL; the names must be terminated inside len. */
    return xs_wire_count_strings(buf, (size_t)len);
}

int
xs_transaction_start(uint32_t *tx)
{
    char id[16];
    struct xs_part p = { "", 1 };
    int len = xs_call(XS_TRANSACTION_START, XS_TX_NONE, &p, 1, id, sizeof(id));
    long v;

    if (len < 0)
        return len;
    if (fmt_parse_long(id, 1, UINT32_MAX, &v) < 0)
        return -RX_EPROTO;
    *tx = (uint32_t)v;
    return 0;
}

int
xs_transaction_end(uint32_t tx, int abort)
{
    struct xs_part p = xs_str(abort ? "F" : "T");
    int len = xs_call(XS_TRANSACTION_END, tx, &p, 1, NULL, 0);

    return len < 0 ? len : 0;
}

int
xs_watch_add(struct xs_watch *w, const char *path)
{
    struct xs_part p[2];
    int len;

    memset(w, 0, sizeof(*w));
    fmt_snprintf(w->token, sizeof(w->token), "rx%u", next_token++);
    /* Listed first: the initial event may come before the reply. */
    w->next = watches;
    watches = w;
    p[0] = xs_str(path);
    p[1] = xs_str(w->token);
    len = xs_call(XS_WATCH, XS_TX_NONE, p, 2, NULL, 0);
    if (len < 0) {
        (void)xs_watch_remove(w, NULL);
        return len;
    }
    return 0;
}

int
xs_watch_wait(struct xs_watch *w, char *path, size_t size,
              uint64_t deadline_ns)
{
    struct xs_watch_event *ev;

    while (w->head == NULL)
        if (broken || waitq_wait(&w->wq, deadline_ns) < 0)
            return broken ? -RX_EIO : -RX_ETIMEDOUT;
    ev = w->head;
    w->head = ev->next;
    if (w->head == NULL)
        w->tail = NULL;
    w->queued--;
    if (size > 0)
        fmt_snprintf(path, size, "%s", ev->path);
    mm_free(ev);
    return 0;
}

int
xs_watch_remove(struct xs_watch *w, const char *path)
{
    int rc = 0;

    if (path) {
        struct xs_part p[2] = { xs_str(path), xs_str(w->token) };
        int len = xs_call(XS_UNWATCH, XS_TX_NONE, p, 2, NULL, 0);

        rc = len < 0 ? len : 0;
    }
    for (struct xs_watch **pp = &watches; *pp; pp = &(*pp)->next)
        if (*pp == w) {
            *pp = w->next;
            break;
        }
    while (w->head) {
        struct xs_watch_event *ev = w->head;

        w->head = ev->next;
        mm_free(ev);
    }
    w->tail = NULL;
    w->queued = 0;
    return rc;
}

void
xs_init(void)
{
    struct xenstore_domain_interface *intf = boot_state.store_ring;
    int rc;

    if (intf == NULL)
        return;
    /*
     * The only reads of our own indices from the page: where the ring
     * stands at boot. From here on the private copies are the truth.
     */
    req_prod = shring_load(&intf->req_prod);
    rsp_cons = shring_load(&intf->rsp_cons);
    xs_decoder_init(&dec);
    rc = evtchn_set_handler(boot_state.store_port, xs_event, NULL);
    if (rc < 0)
        console_printf("xenstore: can not handle port %u (%d)\n",
                       boot_state.store_port, rc);
}
