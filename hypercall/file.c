/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpuser(3) host files: the guest's Xen virtual disks (blkfront) as
 * block devices. A "host path" is a disk's vbd name ("xvda") or xenstore
 * device id ("51712"); an application registers it with the rump kernel,
 * e.g. rump_pub_etfs_register("/dev/xvda", "xvda", RUMP_ETFS_BLK), and
 * mounts "/dev/xvda". A disk is connected on first use and stays so.
 * There are no other host files: other names are unknown.
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/errno.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/sched.h>

#include "hyp.h"

#define DISKS_MAX 8
#define FD_BASE 3 /* descriptors are FD_BASE + the disk's slot */

struct disk {
    char name[16];
    struct blkfront *bf;
    int connecting; /* a thread is in blkfront_open for it */
    int opens;
};

static struct disk disks[DISKS_MAX];

/*
 * Finds name's disk, connecting it the first time. May block; another
 * thread asking for the same disk meanwhile waits for the first.
 */
static int
disk_get(const char *name, struct disk **out)
{
    struct disk *d = NULL;
    int rc;

    if (strnlen(name, sizeof(disks[0].name)) >= sizeof(disks[0].name))
        return -RX_ENOENT;
    for (int i = 0; i < DISKS_MAX; i++) {
        if ((disks[i].bf || disks[i].connecting) &&
            strcmp(disks[i].name, name) == 0) {
            while (disks[i].connecting)
                sched_thread_yield();
            if (!disks[i].bf)
                return -RX_ENOENT;
            *out = &disks[i];
            return 0;
        }
        if (!disks[i].bf && !disks[i].connecting && !d)
            d = &disks[i];
    }
    if (d == NULL)
        return -RX_ENOSPC;
    fmt_snprintf(d->name, sizeof(d->name), "%s", name);
    d->connecting = 1;
    rc = blkfront_open(name, &d->bf);
    d->connecting = 0;
    if (rc < 0)
        return rc;
    *out = d;
    return 0;
}

static struct disk *
disk_of_fd(int fd)
{
    if (fd < FD_BASE || fd >= FD_BASE + DISKS_MAX ||
        disks[fd - FD_BASE].opens == 0)
        return NULL;
    return &disks[fd - FD_BASE];
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
    struct disk *d = NULL;
    int rc;

    HYP_BLOCKING(rc = disk_get(name, &d));
    if (rc < 0)
        return hyp_err(rc);
    *size = blkfront_info(d->bf)->capacity;
    *type = RUMPUSER_FT_BLK;
    return 0;
}

int
rumpuser_open(const char *name, int mode, int *fdp)
{
    struct disk *d = NULL;
    int rc;

    HYP_BLOCKING(rc = disk_get(name, &d));
    if (rc < 0)
        return hyp_err(rc);
    if ((mode & RUMPUSER_OPEN_ACCMODE) != RUMPUSER_OPEN_RDONLY &&
        blkfront_info(d->bf)->readonly)
        return RX_EROFS;
    d->opens++;
    *fdp = FD_BASE + (int)(d - disks);
    return 0;
}

/* Makes every completed write durable. May block. */
static int
disk_flush(struct disk *d)
{
    int rc;

    HYP_BLOCKING(rc = blkfront_io(d->bf, BLKFRONT_FLUSH, 0, NULL, 0));
    return hyp_err(rc);
}

int
rumpuser_close(int fd)
{
    struct disk *d = disk_of_fd(fd);

    if (d == NULL)
        return RX_EBADF;
    d->opens--;
    return disk_flush(d);
}

/* One rumpuser_bio in flight. */
struct bio {
    struct blkfront_req req;
    struct disk *disk;
    void *data;   /* the rump kernel's buffer */
    void *bounce; /* aligned pages when data is not, else NULL */
    size_t len;
    int sync; /* a synchronous write: flush before biodone */
    rump_biodone_fn biodone;
    void *arg;
};

static void
bio_end(struct bio *b, int error)
{
    if (b->bounce && !error && b->req.op == BLKFRONT_READ)
        memcpy(b->data, b->bounce, b->len);
    if (b->bounce)
        mm_free(b->bounce);
    /* biodone runs in the rump kernel: take a virtual CPU around it. */
    rumpuser_hyp->hyp_schedule();
    b->biodone(b->arg, error ? 0 : b->len, hyp_err(error));
    rumpuser_hyp->hyp_unschedule();
    mm_free(b);
}

/* blkfront's completion: on the disk's thread, not in the rump kernel. */
static void
bio_done(struct blkfront_req *req)
{
    struct bio *b = req->arg;
    int rc = req->error;

    if (rc == 0 && b->sync) {
        /* The write is done; a flush makes it durable before biodone. */
        b->sync = 0;
        b->req.op = BLKFRONT_FLUSH;
        rc = blkfront_submit(b->disk->bf, &b->req);
        if (rc == 0)
            return;
    }
    bio_end(b, rc);
}

void
rumpuser_bio(int fd, int op, void *data, size_t len, int64_t off,
             rump_biodone_fn biodone, void *arg)
{
    struct disk *d = disk_of_fd(fd);
    struct bio *b;
    unsigned int ss;
    int rc;

    if (d == NULL) {
        biodone(arg, 0, RX_EBADF);
        return;
    }
    if (len == 0) {
        biodone(arg, 0, 0);
        return;
    }
    ss = blkfront_info(d->bf)->sector_size;
    b = mm_malloc(sizeof(*b), 0);
    if (b == NULL) {
        biodone(arg, 0, RX_ENOMEM);
        return;
    }
    *b = (struct bio){
        .disk = d,
        .data = data,
        .len = len,
        .sync = (op & RUMPUSER_BIO_WRITE) && (op & RUMPUSER_BIO_SYNC),
        .biodone = biodone,
        .arg = arg,
    };
    if ((uintptr_t)data % ss != 0) {
        b->bounce = mm_malloc(len, ss);
        if (b->bounce == NULL) {
            mm_free(b);
            biodone(arg, 0, RX_ENOMEM);
            return;
        }
        if (op & RUMPUSER_BIO_WRITE)
            memcpy(b->bounce, data, len);
    }
    b->req = (struct blkfront_req){
        .op = (op & RUMPUSER_BIO_WRITE) ? BLKFRONT_WRITE : BLKFRONT_READ,
        .offset = (uint64_t)off,
        .buf = b->bounce ? b->bounce : data,
        .len = len,
        .done = bio_done,
        .arg = b,
    };
    /* Never blocks: the request waits in blkfront's queue if need be. */
    rc = blkfront_submit(d->bf, &b->req);
    if (rc < 0) {
        mm_free(b->bounce);
        mm_free(b);
        biodone(arg, 0, hyp_err(rc));
    }
}

int
hypercall_disk_stats(const char *name, struct blkfront_stats *st)
{
    for (int i = 0; i < DISKS_MAX; i++) {
        if (disks[i].bf && strcmp(disks[i].name, name) == 0) {
            blkfront_get_stats(disks[i].bf, st);
            return 0;
        }
    }
    return -RX_ENOENT;
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *iov, size_t iovlen, int64_t off,
                 size_t *retv)
{
    (void)fd;
    (void)iov;
    (void)iovlen;
    (void)off;
    (void)retv;
    return RX_EBADF;
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *iov, size_t iovlen,
                  int64_t off, size_t *retv)
{
    (void)fd;
    (void)iov;
    (void)iovlen;
    (void)off;
    (void)retv;
    return RX_EBADF;
}

int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
    struct disk *d = disk_of_fd(fd);

    (void)flags;
    (void)start;
    (void)len;
    return d ? disk_flush(d) : RX_EBADF;
}
