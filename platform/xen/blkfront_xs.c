/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront's xenbus side: finding a disk by name, negotiating the ring
 * (pages, indirect segments) with the backend, setting it up (granted
 * pages, event channel, slots), reading what it offers
 * (capacity, sector size, read-only, flush, barrier, discard), and the
 * closing handshake. Every value read from xenstore is checked. The data
 * path is in blkfront.c.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/xs.h>

#include "blkfront_priv.h"

#define VBD_DIR "device/vbd"
#define LIST_SIZE 512

/* --- the ring's lifetime ------------------------------------------------ */

static void *
zalloc(size_t size)
{
    void *p = mm_malloc(size, 0);

    if (p)
        memset(p, 0, size);
    return p;
}

int
blkfront_ring_setup(struct blkfront *bf, unsigned int order,
                    unsigned int indirect_segs, evtchn_handler_fn *event)
{
    unsigned int pages = 1u << order, n;
    int rc;

    bf->ring_order = order;
    bf->sring = mm_alloc_pages(pages, 1);
    if (bf->sring == NULL)
        return -RX_ENOMEM;
    /* ring.h SHARED_RING_INIT: both event indices at 1, the rest 0. */
    memset(bf->sring, 0, pages * PAGE_SIZE);
    bf->sring->req_event = bf->sring->rsp_event = 1;
    n = __RING_SIZE(bf->sring, pages * PAGE_SIZE);
    bf->info.ring_pages = pages;
    bf->info.ring_slots = n;
    bf->indirect = indirect_segs;
    bf->info.max_segs =
        indirect_segs ? indirect_segs : BLKIF_MAX_SEGMENTS_PER_REQUEST;
    bf->id_stack = zalloc(n * sizeof(*bf->id_stack));
    bf->id_state = zalloc(n);
    bf->slots = zalloc(n * sizeof(*bf->slots));
    if (indirect_segs)
        bf->indirect_pages = zalloc(n * sizeof(void *));
    rc = -RX_ENOMEM;
    if (!bf->id_stack || !bf->id_state || !bf->slots ||
        (indirect_segs && !bf->indirect_pages))
        goto fail;
    for (unsigned int i = 0; indirect_segs && i < n; i++)
        if ((bf->indirect_pages[i] = mm_alloc_pages(1, 1)) == NULL)
            goto fail;
    blkring_ids_init(&bf->ids, n, bf->id_stack, bf->id_state);
    for (unsigned int i = 0; i < pages; i++) {
        rc = gnttab_grant_access(
            bf->dev.backend_id,
            mm_virt_to_frame((char *)bf->sring + i * PAGE_SIZE), 0,
            &bf->ring_refs[i]);
        if (rc < 0)
            goto fail;
    }
    rc = evtchn_alloc_unbound(bf->dev.backend_id, event, bf, &bf->port);
    if (rc < 0)
        goto fail;
    return 0;
fail:
    (void)blkfront_ring_teardown(bf);
    return rc;
}

int
blkfront_ring_teardown(struct blkfront *bf)
{
    unsigned int pages = 1u << bf->ring_order, n = bf->info.ring_slots;
    int leak = bf->nstuck != 0;

    if (bf->port) {
        (void)evtchn_close(bf->port);
        bf->port = 0;
    }
    for (unsigned int i = 0; i < pages; i++) {
        if (bf->ring_refs[i] &&
            gnttab_end_access(bf->ring_refs[i]) == -RX_EBUSY)
            leak = 1;
        bf->ring_refs[i] = 0;
    }
    if (leak) {
        console_printf("blkfront: %s: backend still maps our pages; they "
                       "are never reused\n",
                       bf->info.name);
        bf->sring = NULL;
        bf->indirect_pages = NULL;
        bf->slots = NULL;
        return -RX_EBUSY;
    }
    if (bf->sring)
        mm_free_pages(bf->sring, pages);
    for (unsigned int i = 0; bf->indirect_pages && i < n; i++)
        if (bf->indirect_pages[i])
            mm_free_pages(bf->indirect_pages[i], 1);
    mm_free(bf->indirect_pages);
    mm_free(bf->slots);
    mm_free(bf->id_state);
    mm_free(bf->id_stack);
    bf->sring = NULL;
    bf->indirect_pages = NULL;
    bf->slots = NULL;
    bf->id_state = NULL;
    bf->id_stack = NULL;
    return 0;
}

/* Reads the vbd name the backend publishes ("dev"); falls back to id. */
static void
vbd_name(const char *id, char *name, size_t size)
{
    char path[96], backend[128], dev[16];
    int ok = 0;

    fmt_snprintf(path, sizeof(path), VBD_DIR "/%s/backend", id);
    if (xs_read(XS_TX_NONE, path, backend, sizeof(backend)) > 0 &&
        fmt_snprintf(path, sizeof(path), "%s/dev", backend) <
            (int)sizeof(path) &&
        xs_read(XS_TX_NONE, path, dev, sizeof(dev)) > 0) {
        ok = 1;
        for (const char *c = dev; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
                ok = 0;
    }
    fmt_snprintf(name, size, "%s", ok ? dev : id);
}

/* Lists device/vbd into buf; returns the number of ids or an error. */
static int
list_vbds(char *buf)
{
    int n = xs_directory(XS_TX_NONE, VBD_DIR, buf, LIST_SIZE);

    return n == -RX_ENOENT ? 0 : n;
}

int
blkfront_name(unsigned int index, char *name, size_t size)
{
    char buf[LIST_SIZE];
    const char *id = buf;
    int n = list_vbds(buf);

    if (n < 0)
        return n;
    if (index >= (unsigned int)n)
        return -RX_ENOENT;
    for (unsigned int i = 0; i < index; i++)
        id += strlen(id) + 1;
    vbd_name(id, name, size);
    return 0;
}

int
blkfront_xs_find(const char *name, struct blkfront *bf)
{
    char buf[LIST_SIZE], node[64], vname[16];
    const char *id = buf;
    long handle;
    int n = list_vbds(buf);

    for (int i = 0; i < n; i++, id += strlen(id) + 1) {
        vbd_name(id, vname, sizeof(vname));
        if (strcmp(id, name) != 0 && strcmp(vname, name) != 0)
            continue;
        if (fmt_parse_long(id, 0, 0x7fffffff, &handle) < 0)
            return -RX_EPROTO;
        fmt_snprintf(node, sizeof(node), VBD_DIR "/%s", id);
        fmt_snprintf(bf->info.name, sizeof(bf->info.name), "%s", vname);
        /* blkif_vdev_t is 16 bits; backends do not look at it. */
        bf->handle = (uint16_t)handle;
        return xenbus_dev_init(&bf->dev, node);
    }
    return n < 0 ? n : -RX_ENOENT;
}

/* Writes our ring's keys and state Initialised in one transaction. */
static int
publish_ring(struct blkfront *bf)
{
    const char *node = bf->dev.nodename;
    unsigned int pages = 1u << bf->ring_order;
    char key[16];
    uint32_t tx;
    int rc;

    for (int attempt = 0; attempt < 10; attempt++) {
        if ((rc = xs_transaction_start(&tx)) < 0)
            return rc;
        if (pages == 1) {
            rc = xenbus_printf(tx, node, "ring-ref", "%u", bf->ring_refs[0]);
        } else {
            rc = xenbus_printf(tx, node, "ring-page-order", "%u",
                               bf->ring_order);
            if (rc == 0)
                rc = xenbus_printf(tx, node, "num-ring-pages", "%u", pages);
            for (unsigned int i = 0; rc == 0 && i < pages; i++) {
                fmt_snprintf(key, sizeof(key), "ring-ref%u", i);
                rc = xenbus_printf(tx, node, key, "%u", bf->ring_refs[i]);
            }
        }
        if (rc == 0)
            rc = xenbus_printf(tx, node, "event-channel", "%u", bf->port);
        if (rc == 0)
            rc = xenbus_printf(tx, node, "protocol", "%s",
                               XEN_IO_PROTO_ABI_NATIVE);
        if (rc == 0)
            rc = xenbus_printf(tx, node, "state", "%d", XENBUS_INITIALISED);
        if (rc < 0) {
            (void)xs_transaction_end(tx, 1);
            return rc;
        }
        rc = xs_transaction_end(tx, 0);
        if (rc != -RX_EAGAIN)
            return rc;
    }
    return -RX_EAGAIN;
}

/* An optional backend number: def if missing, else checked. */
static int
read_opt(struct blkfront *bf, const char *key, long max, long def, long *v)
{
    int rc = xenbus_read_long(bf->dev.backend, key, 0, max, v);

    if (rc == -RX_ENOENT) {
        *v = def;
        return 0;
    }
    return rc;
}

/* Reads what the connected backend offers into bf->info. */
static int
read_disk(struct blkfront *bf)
{
    struct blkfront_info *in = &bf->info;
    long sectors, ssize, info;
    char mode[4];
    char path[160];
    int rc;

    /* "sectors" counts 512-byte units, as Linux's blkback writes it. */
    rc = xenbus_read_long(bf->dev.backend, "sectors", 0, 1L << 54, &sectors);
    if (rc == 0)
        rc =
            xenbus_read_long(bf->dev.backend, "sector-size", 512, 4096, &ssize);
    if (rc == 0 && (ssize & (ssize - 1)) != 0)
        rc = -RX_EPROTO;
    if (rc == 0)
        rc = read_opt(bf, "info", 0x7fffffff, 0, &info);
    if (rc < 0) {
        console_printf("blkfront: %s: bad sectors/sector-size/info (%d)\n",
                       in->name, rc);
        return rc == -RX_ENOENT ? -RX_EPROTO : rc;
    }
    in->sector_size = (unsigned int)ssize;
    in->capacity = (uint64_t)sectors * BLKRING_SECTOR;
    in->capacity -= in->capacity % in->sector_size;
    fmt_snprintf(path, sizeof(path), "%s/mode", bf->dev.backend);
    in->readonly = (info & VDISK_READONLY) ||
                   (xs_read(XS_TX_NONE, path, mode, sizeof(mode)) > 0 &&
                    strcmp(mode, "r") == 0);
    bf->flush_op = -1;
    if (xenbus_read_feature(&bf->dev, "feature-flush-cache"))
        bf->flush_op = BLKIF_OP_FLUSH_DISKCACHE;
    else if (xenbus_read_feature(&bf->dev, "feature-barrier"))
        bf->flush_op = BLKIF_OP_WRITE_BARRIER;
    in->flush = bf->flush_op >= 0;
    in->discard = xenbus_read_feature(&bf->dev, "feature-discard");
    return 0;
}

/*
 * Waits for the backend's state to be want, until deadline. Unlike
 * xenbus_wait_backend_state, a Closed backend is a passing state while we
 * wait for InitWait (it restarts after an earlier close) and a Closing one
 * while we wait for Closed; Closed will do for Closing; waiting for
 * Connected fails on either.
 */
static int
wait_backend(struct blkfront *bf, enum xenbus_state want, uint64_t deadline)
{
    struct xs_watch w;
    char path[160];
    enum xenbus_state s;
    int rc;

    fmt_snprintf(path, sizeof(path), "%s/state", bf->dev.backend);
    if ((rc = xs_watch_add(&w, path)) < 0)
        return rc;
    /* Check after every event, including the one at registration. */
    while ((rc = xs_watch_wait(&w, NULL, 0, deadline)) == 0) {
        rc = xenbus_backend_state(&bf->dev, &s);
        if (rc == -RX_ENOENT)
            continue;
        if (rc < 0 || s == want ||
            (want == XENBUS_CLOSING && s == XENBUS_CLOSED))
            break;
        if (want == XENBUS_CONNECTED &&
            (s == XENBUS_CLOSING || s == XENBUS_CLOSED)) {
            rc = -RX_ENODEV;
            break;
        }
    }
    (void)xs_watch_remove(&w, path);
    return rc;
}

int
blkfront_xs_connect(struct blkfront *bf, evtchn_handler_fn *event)
{
    uint64_t deadline = time_now_ns() + BLKFRONT_TIMEOUT_NS;
    long order, indirect;
    int rc;

    /* Initialising also asks a backend left Closed to start over. */
    rc = xenbus_switch_state(&bf->dev, XENBUS_INITIALISING);
    if (rc == 0)
        rc = wait_backend(bf, XENBUS_INITWAIT, deadline);
    if (rc == 0)
        rc = read_opt(bf, "max-ring-page-order", 16, 0, &order);
    if (rc == 0)
        rc = read_opt(bf, "feature-max-indirect-segments", 1L << 20, 0,
                      &indirect);
    if (rc < 0)
        return rc;
    if (order > BLKFRONT_MAX_RING_ORDER)
        order = BLKFRONT_MAX_RING_ORDER;
    if (indirect <= BLKIF_MAX_SEGMENTS_PER_REQUEST)
        indirect = 0;
    else if (indirect > BLKFRONT_MAX_INDIRECT_SEGS)
        indirect = BLKFRONT_MAX_INDIRECT_SEGS;
    rc = blkfront_ring_setup(bf, (unsigned int)order, (unsigned int)indirect,
                             event);
    if (rc < 0)
        return rc;
    rc = publish_ring(bf);
    if (rc == 0)
        rc = wait_backend(bf, XENBUS_CONNECTED, deadline);
    if (rc == 0)
        rc = read_disk(bf);
    if (rc == 0)
        rc = xenbus_switch_state(&bf->dev, XENBUS_CONNECTED);
    if (rc < 0) {
        console_printf("blkfront: %s: can not connect (%d)\n", bf->info.name,
                       rc);
        (void)blkfront_xs_disconnect(bf);
        (void)blkfront_ring_teardown(bf);
    }
    return rc;
}

int
blkfront_xs_disconnect(struct blkfront *bf)
{
    uint64_t deadline = time_now_ns() + BLKFRONT_TIMEOUT_NS;
    int rc = xenbus_switch_state(&bf->dev, XENBUS_CLOSING);

    /* The backend answers Closing with Closing (or goes Closed at once). */
    if (rc == 0)
        rc = wait_backend(bf, XENBUS_CLOSING, deadline);
    if (rc == 0)
        rc = xenbus_switch_state(&bf->dev, XENBUS_CLOSED);
    if (rc == 0)
        rc = wait_backend(bf, XENBUS_CLOSED, deadline);
    return rc;
}
