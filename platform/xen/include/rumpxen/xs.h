/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenstore client. Paths are absolute ("/local/domain/0/...") or
 * relative to the domain's home (/local/domain/<domid>). Many threads may
 * have requests in flight; replies are matched by request id. Every reply
 * from xenstored is validated; errors come back as negative RX_ errnos
 * (XS_ERROR "ENOENT" is -RX_ENOENT). Calls block the calling thread (not
 * the vCPU) until the reply, at most XS_TIMEOUT_MS; thread context only.
 */
#ifndef RUMPXEN_XS_H
#define RUMPXEN_XS_H

#include <stddef.h>
#include <stdint.h>

#include <rumpxen/sched.h>

/* Transaction id for calls outside a transaction. */
#define XS_TX_NONE 0u
#define XS_TIMEOUT_MS 10000

/*
 * Reads path's value into buf (NUL-terminated). Returns its length, or
 * -RX_ERANGE if buf is too small, or another negative RX_ errno.
 */
int xs_read(uint32_t tx, const char *path, char *buf, size_t size);

/* Writes value (a string) at path, creating it. Returns 0 or -errno. */
int xs_write(uint32_t tx, const char *path, const char *value);

/* Creates path (and parents); existing is fine. Returns 0 or -errno. */
int xs_mkdir(uint32_t tx, const char *path);

/* Removes path and everything below it. Returns 0 or -errno. */
int xs_rm(uint32_t tx, const char *path);

/*
 * Lists the children of path into buf as consecutive NUL-terminated names.
 * Returns their number, or -RX_ERANGE if buf is too small, or -errno.
 */
int xs_directory(uint32_t tx, const char *path, char *buf, size_t size);

/* Starts a transaction. Returns 0 and sets *tx, or -errno. */
int xs_transaction_start(uint32_t *tx);

/*
 * Commits (abort == 0) or aborts a transaction. Returns 0, -RX_EAGAIN when
 * a conflicting change happened (the caller retries the whole
 * transaction), or another -errno.
 */
int xs_transaction_end(uint32_t tx, int abort);

/* A watch: events are queued (at most XS_WATCH_QUEUE, then the oldest is
 * dropped and `overflowed` set) until the owner takes them. */
#define XS_WATCH_QUEUE 32
struct xs_watch_event;
struct xs_watch {
    char token[20];
    struct waitq wq;
    struct xs_watch_event *head, *tail;
    unsigned int queued;
    int overflowed;
    struct xs_watch *next;
};

/*
 * Registers w on path (and everything below it). xenstored fires once at
 * registration. Returns 0 or -errno. w must stay valid until removed.
 */
int xs_watch_add(struct xs_watch *w, const char *path);

/*
 * Takes the next event of w, waiting until deadline_ns (0: forever); the
 * path that changed is copied to path (truncated to size). Returns 0 or
 * -RX_ETIMEDOUT.
 */
int xs_watch_wait(struct xs_watch *w, char *path, size_t size,
                  uint64_t deadline_ns);

/* Unregisters w and drops its queued events. Returns 0 or -errno. */
int xs_watch_remove(struct xs_watch *w, const char *path);

#endif
