/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenbus frontend helpers over the xenstore client (see xenbus.h).
 */
#include <stdarg.h>

#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/xenbus.h>
#include <rumpxen/xs.h>

int
xenbus_read_long(const char *dir, const char *key, long min, long max,
                 long *value)
{
    char path[192], buf[32];
    int rc;

    if (fmt_snprintf(path, sizeof(path), "%s/%s", dir, key) >=
        (int)sizeof(path))
        return -RX_ENAMETOOLONG;
    rc = xs_read(XS_TX_NONE, path, buf, sizeof(buf));
    if (rc == -RX_ERANGE)
        return -RX_EPROTO;
    if (rc < 0)
        return rc;
    return fmt_parse_long(buf, min, max, value) < 0 ? -RX_EPROTO : 0;
}

int
xenbus_dev_init(struct xenbus_dev *dev, const char *nodename)
{
    char path[96], prefix[48];
    long id;
    int rc;

    if (fmt_snprintf(dev->nodename, sizeof(dev->nodename), "%s", nodename) >=
        (int)sizeof(dev->nodename))
        return -RX_ENAMETOOLONG;
    fmt_snprintf(path, sizeof(path), "%s/backend", nodename);
    rc = xs_read(XS_TX_NONE, path, dev->backend, sizeof(dev->backend));
    if (rc == -RX_ERANGE)
        return -RX_EPROTO;
    if (rc < 0)
        return rc;
    rc = xenbus_read_long(nodename, "backend-id", 0, 0x7fef, &id);
    if (rc < 0)
        return rc;
    /* The backend must live in the backend domain's own tree. */
    fmt_snprintf(prefix, sizeof(prefix), "/local/domain/%ld/backend/", id);
    if (strncmp(dev->backend, prefix, strlen(prefix)) != 0)
        return -RX_EPROTO;
    dev->backend_id = (uint16_t)id;
    return 0;
}

int
xenbus_printf(uint32_t tx, const char *dir, const char *key, const char *fmt,
              ...)
{
    char path[192], value[256];
    va_list ap;
    int n;

    if (fmt_snprintf(path, sizeof(path), "%s/%s", dir, key) >=
        (int)sizeof(path))
        return -RX_ENAMETOOLONG;
    va_start(ap, fmt);
    n = fmt_vsnprintf(value, sizeof(value), fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(value))
        return -RX_E2BIG;
    return xs_write(tx, path, value);
}

int
xenbus_switch_state(struct xenbus_dev *dev, enum xenbus_state state)
{
    return xenbus_printf(XS_TX_NONE, dev->nodename, "state", "%d", state);
}

int
xenbus_backend_state(struct xenbus_dev *dev, enum xenbus_state *state)
{
    long v;
    int rc = xenbus_read_long(dev->backend, "state", 0, XENBUS_RECONFIGURED,
                              &v);

    if (rc == 0)
        *state = (enum xenbus_state)v;
    return rc;
}

int
xenbus_wait_backend_state(struct xenbus_dev *dev, enum xenbus_state want,
                          uint64_t deadline_ns)
{
    struct xs_watch w;
    char path[160];
    enum xenbus_state s = XENBUS_UNKNOWN;
    int rc;

    fmt_snprintf(path, sizeof(path), "%s/state", dev->backend);
    if ((rc = xs_watch_add(&w, path)) < 0)
        return rc;
    /* Check after every event, including the one at registration. */
    for (;;) {
        rc = xs_watch_wait(&w, NULL, 0, deadline_ns);
        if (rc < 0)
            break;
        rc = xenbus_backend_state(dev, &s);
        if (rc == -RX_ENOENT)
            continue; /* not written yet */
        if (rc < 0)
            break;
        if (s == want)
            break;
        if (s == XENBUS_CLOSING || s == XENBUS_CLOSED) {
            rc = -RX_ENODEV;
            break;
        }
    }
    (void)xs_watch_remove(&w, path);
    return rc;
}

int
xenbus_read_feature(struct xenbus_dev *dev, const char *key)
{
    long v;

    return xenbus_read_long(dev->backend, key, 0, 1, &v) == 0 && v == 1;
}
