/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenbus part every frontend shares: finding a device's backend,
 * switching our state and waiting for the backend's, reading and writing
 * keys. Everything read from xenstore is validated. Thread context; calls
 * block the calling thread. Errors are negative RX_ errnos.
 */
#ifndef RUMPXEN_XENBUS_H
#define RUMPXEN_XENBUS_H

#include <stdint.h>

/* Device states, as xen/io/xenbus.h numbers them. */
enum xenbus_state {
    XENBUS_UNKNOWN = 0,
    XENBUS_INITIALISING = 1,
    XENBUS_INITWAIT = 2,
    XENBUS_INITIALISED = 3,
    XENBUS_CONNECTED = 4,
    XENBUS_CLOSING = 5,
    XENBUS_CLOSED = 6,
    XENBUS_RECONFIGURING = 7,
    XENBUS_RECONFIGURED = 8,
};

struct xenbus_dev {
    char nodename[64];  /* ours, e.g. "device/vif/0" */
    char backend[128];  /* the backend's directory */
    uint16_t backend_id;
};

/*
 * Fills dev for nodename: reads and checks "backend" and "backend-id".
 * Returns 0, -RX_ENOENT (no such device), -RX_EPROTO (bad values).
 */
int xenbus_dev_init(struct xenbus_dev *dev, const char *nodename);

/* Writes our "state". */
int xenbus_switch_state(struct xenbus_dev *dev, enum xenbus_state state);

/* Reads the backend's "state" into *state (validated 0-8). */
int xenbus_backend_state(struct xenbus_dev *dev, enum xenbus_state *state);

/*
 * Waits until the backend's state is want, until deadline_ns. Returns 0,
 * -RX_ETIMEDOUT, or -RX_ENODEV if the backend closes instead.
 */
int xenbus_wait_backend_state(struct xenbus_dev *dev, enum xenbus_state want,
                              uint64_t deadline_ns);

/*
 * Reads dir/key as a decimal integer in [min, max] into *value. Returns 0,
 * -RX_ENOENT, or -RX_EPROTO if it is not such a number.
 */
int xenbus_read_long(const char *dir, const char *key, long min, long max,
                     long *value);

/* A backend feature flag: 1 if dir/key reads "1", else 0 (missing: 0). */
int xenbus_read_feature(struct xenbus_dev *dev, const char *key);

/* Writes the formatted value at dir/key, inside transaction tx. */
int xenbus_printf(uint32_t tx, const char *dir, const char *key,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
