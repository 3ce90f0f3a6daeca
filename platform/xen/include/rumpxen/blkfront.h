/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen virtual block devices (blkfront): open a disk the toolstack gave the
 * domain, read, write, flush and discard it. Nothing is opened at boot; an
 * application opens the disks it wants. Thread context only. Errors are
 * negative RX_ errnos. A backend that breaks the protocol marks its disk
 * broken: every I/O on it then fails with -RX_EIO; the guest goes on.
 */
#ifndef RUMPXEN_BLKFRONT_H
#define RUMPXEN_BLKFRONT_H

#include <stddef.h>
#include <stdint.h>

struct blkfront;

/* What the backend told us, valid from open to close. */
struct blkfront_info {
    char name[16];            /* vbd name, e.g. "xvda" */
    unsigned int sector_size; /* bytes; offsets and lengths align to it */
    uint64_t capacity;        /* bytes */
    int readonly;             /* writes and discards fail with -RX_EROFS */
    int flush;                /* flush reaches the disk (cache or barrier) */
    int discard;              /* the backend takes discards */
    unsigned int ring_pages;  /* pages of the shared request ring */
    unsigned int ring_slots;  /* requests the ring holds at once */
    unsigned int max_segs;    /* pages one ring request carries */
};

/*
 * Writes the name of the index-th virtual block device (xenstore order,
 * from 0) into name. Returns 0, -RX_ENOENT past the last one, or another
 * error. Blocks on xenstore.
 */
int blkfront_name(unsigned int index, char *name, size_t size);

/*
 * Connects to the disk called name: the toolstack's vbd name ("xvda",
 * which the backend publishes as "dev") or its xenstore device id
 * ("51712"). Blocks until the backend is connected (at most ~10 s).
 * Returns 0 and sets *bf, -RX_ENOENT (no such disk), -RX_EBUSY (already
 * open), -RX_ETIMEDOUT, -RX_EPROTO (the backend published bad values),
 * -RX_ENOMEM or another error.
 */
int blkfront_open(const char *name, struct blkfront **bf);

/* The disk's parameters (never fails). */
const struct blkfront_info *blkfront_info(const struct blkfront *bf);

enum blkfront_op {
    BLKFRONT_READ = 0,
    BLKFRONT_WRITE = 1,
    BLKFRONT_FLUSH = 2,   /* every write completed before is durable */
    BLKFRONT_DISCARD = 3, /* the range's contents become undefined */
};

/*
 * One request, owned by the caller from submit until its done callback.
 * op, offset, len (bytes, multiples of sector_size, within the capacity),
 * buf (aligned to sector_size; unused by FLUSH and DISCARD), done and arg
 * are the caller's (a FLUSH's offset and len are ignored and overwritten);
 * error is set before done runs; the rest is private.
 * A request of any length is split over as many ring requests as needed.
 */
struct blkfront_req {
    enum blkfront_op op;
    uint64_t offset;
    void *buf;
    size_t len;
    void (*done)(struct blkfront_req *req);
    void *arg;
    int error; /* 0 or a negative RX_ errno */
    /* Private to blkfront. */
    size_t issued;
    unsigned int pending;
    struct blkfront_req *next;
};

/*
 * Queues req: onto the ring at once if it has room, else as soon as
 * earlier requests complete. Never blocks. Returns 0 (req->done will run
 * exactly once) or, with done never called: -RX_EINVAL (bad op,
 * alignment, range or buffer), -RX_EROFS (write or discard on a
 * read-only disk), -RX_ENOTSUP (discard not offered), -RX_EIO (broken).
 * done runs on the disk's completion thread with req->error set (0,
 * -RX_EIO, -RX_ENOTSUP if the backend refused the operation); it may
 * submit more requests and may block briefly, but must not wait for
 * another request of the same disk to complete.
 */
int blkfront_submit(struct blkfront *bf, struct blkfront_req *req);

/*
 * A ring request the backend has not answered after ns nanoseconds
 * (default 30 s; 0: wait forever) marks the disk broken, so its requests
 * fail with -RX_EIO: every request whose pages the backend can not write
 * at once, a read whose pages the backend still maps when it lets go of
 * them (handing them back earlier would let it write memory the caller
 * reuses).
 */
void blkfront_set_timeout(struct blkfront *bf, uint64_t ns);

/* Submits one request and blocks the caller until it completes. */
int blkfront_io(struct blkfront *bf, enum blkfront_op op, uint64_t offset,
                void *buf, size_t len);

/*
 * Waits until every submitted request has completed, disconnects from
 * the backend and frees bf. Returns 0, or -RX_EBUSY if a broken backend
 * still maps some of our pages (they are then never reused).
 */
int blkfront_close(struct blkfront *bf);

/* Counters of a disk, for tests and benchmarks. */
struct blkfront_stats {
    uint64_t ring_requests;    /* ring requests sent */
    uint64_t indirect;         /* of those, indirect */
    unsigned int max_inflight; /* most ring requests outstanding at once */
    uint64_t queued_full;      /* times a request waited for a ring slot */
    uint64_t submitted;        /* requests taken by blkfront_submit */
    uint64_t bytes;            /* of reads and writes put on the ring */
    uint64_t depth_sum;        /* sum over ring requests of those in
                                  flight when each was sent (itself too) */
};
void blkfront_get_stats(const struct blkfront *bf, struct blkfront_stats *st);

#endif
