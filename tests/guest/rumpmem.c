/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: memory exhaustion ends in errors, never in a crash or a hang.
 * Each word of the command line runs one part (none named: all in turn):
 *   limit      the rump kernel has a limit; with RUMP_MEMLIMIT=Nm on the
 *              command line, exactly that one
 *   tmpfs      fills a size-limited tmpfs to ENOSPC, empties it, fills it
 *              again to the same level
 *   unlimited  the same on a tmpfs mounted with no size
 *   files      opens files, then UDP sockets, then fills local socket
 *              pairs with data, until the kernel refuses
 *   threads    creates threads until the platform refuses
 *   fsthreads  16 threads make file system calls with nanosleep between
 * After each part a file round trip and a system call from a new thread
 * must succeed. Needs the rump kernel set "net". One more part runs only
 * when named:
 *   stuck      lifts the socket buffer cap and fills socket pairs: the
 *              rump kernel waits for memory it can not get, and the
 *              platform must end the guest (status 79), not hang
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/sched.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#include "guest_test.h"

/* NetBSD's values (rump kernel errno and ABI). */
#define N_ENOMEM 12
#define N_ENFILE 23
#define N_EMFILE 24
#define N_ENOSPC 28
#define N_ENOBUFS 55
#define N_AF_INET 2
#define N_SOCK_DGRAM 2

/* NetBSD's struct tmpfs_args, version 1, and struct timespec. */
struct tmpfs_args {
    int ta_version;
    ino_t ta_nodes_max;
    off_t ta_size_max;
    uid_t ta_root_uid;
    gid_t ta_root_gid;
    mode_t ta_root_mode;
};

struct timespec {
    int64_t tv_sec;
    long tv_nsec;
};

#define CHUNK (64 * 1024)
#define CHUNKS_PER_FILE 16
#define MAX_FILES 4096
#define FS_THREADS 16
#define FS_OPS 200

static char chunk[CHUNK];
static const struct timespec reclaim_wait = {.tv_sec = 0, .tv_nsec = 300000000};
static struct rumpkernel_mem mem;

/* --- whether the guest still works --------------------------------------- */

/* Writes a file, reads it back; returns 0 if the bytes came back. */
static int
file_roundtrip(const char *path)
{
    static const char text[] = "the guest goes on working\n";
    char buf[64];
    int fd =
        rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR | RUMP_O_TRUNC, 0644);
    int rc = -1;

    if (fd < 0)
        return -1;
    if (rump_sys_write(fd, text, sizeof(text)) == (ssize_t)sizeof(text) &&
        rump_sys_lseek(fd, 0, 0) == 0 &&
        rump_sys_read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(text) &&
        memcmp(buf, text, sizeof(text)) == 0)
        rc = 0;
    if (rump_sys_close(fd) != 0 || rump_sys_unlink(path) != 0)
        rc = -1;
    return rc;
}

static void
syscall_thread(void *arg)
{
    int *ok = arg;

    *ok = rump_sys_getpid() > 0 && file_roundtrip("/tmp/from-thread") == 0;
}

/* A file round trip, and system calls from a new thread, succeed. */
static void
still_works(const char *after)
{
    int ok = 0, err;
    struct thread *t;

    /* Freed memory comes back once the program blocks (see above). */
    EXPECT(rump_sys_nanosleep(&reclaim_wait, NULL) == 0);
    EXPECT(file_roundtrip("/tmp/after") == 0);
    t = sched_create("rumpmem-check", syscall_thread, &ok, 0, SCHED_JOINABLE,
                     &err);
    EXPECT(t != NULL);
    if (t != NULL)
        (void)sched_join(t);
    EXPECT(ok);
    console_printf("rumpmem: %s: the guest goes on working: %s\n", after,
                   ok ? "yes" : "no");
}

/* --- tmpfs ---------------------------------------------------------------- */

static void
unmount_tmpfs(void)
{
    int rc = rump_sys_unmount("/tmp", 0);

    if (rc != 0)
        console_printf("rumpmem: unmount /tmp: errno %d\n", hypercall_errno());
    EXPECT(rc == 0);
}

static int
mount_tmpfs(off_t size)
{
    struct tmpfs_args args = {
        .ta_version = 1,
        .ta_size_max = size,
        .ta_root_mode = 01777,
    };

    if (rump_sys_mount("tmpfs", "/tmp", 0, &args, sizeof(args)) == 0)
        return 0;
    console_printf("rumpmem: mount tmpfs: errno %d\n", hypercall_errno());
    return -1;
}

/*
 * Writes files of CHUNKS_PER_FILE chunks until the file system says
 * ENOSPC; returns the bytes written, *nfiles the files made, *errp the
 * errno that stopped it (anything but ENOSPC is a failure).
 */
static uint64_t
fill(int *nfiles, int *errp)
{
    uint64_t total = 0;
    char path[32];

    *errp = 0;
    for (*nfiles = 0; *nfiles < MAX_FILES && *errp == 0; (*nfiles)++) {
        int fd;

        fmt_snprintf(path, sizeof(path), "/tmp/fill%d", *nfiles);
        fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_WRONLY, 0644);
        if (fd < 0) {
            *errp = hypercall_errno();
            break;
        }
        for (int c = 0; c < CHUNKS_PER_FILE; c++) {
            ssize_t n = rump_sys_write(fd, chunk, CHUNK);

            if (n > 0)
                total += (uint64_t)n;
            if (n != CHUNK) {
                *errp = n < 0 ? hypercall_errno() : N_ENOSPC;
                break;
            }
        }
        if (rump_sys_close(fd) != 0 && *errp == 0)
            *errp = hypercall_errno();
    }
    return total;
}

static int
empty(int nfiles)
{
    char path[32];
    int bad = 0;

    for (int i = 0; i <= nfiles && i < MAX_FILES; i++) {
        fmt_snprintf(path, sizeof(path), "/tmp/fill%d", i);
        if (rump_sys_unlink(path) != 0 && hypercall_errno() != 2 /* ENOENT */)
            bad++;
    }
    return bad;
}

/*
 * Mounts tmpfs of size bytes (0: no size) on /tmp, fills it to ENOSPC,
 * empties it, fills it again to the same level (within a chunk), empties
 * it, checks the guest works, unmounts.
 */
static void
tmpfs_fill_twice(const char *name, off_t size)
{
    struct hypercall_mem_stats hs;
    uint64_t first, second, tolerance;
    int nfiles, err;

    EXPECT(mount_tmpfs(size) == 0);
    first = fill(&nfiles, &err);
    EXPECT(err == N_ENOSPC);
    hypercall_mem_get_stats(&hs);
    console_printf("rumpmem: %s: %lu KiB in %d files, then errno %d; rump "
                   "kernel uses %lu KiB of %lu\n",
                   name, (unsigned long)(first / 1024), nfiles, err,
                   (unsigned long)(hs.used / 1024),
                   (unsigned long)(hs.limit / 1024));
    EXPECT(empty(nfiles) == 0);
    /* The rump kernel gets freed pages back from its caches when the
     * program blocks (rumpkernel/memlimit/memlimit.c: 100 ms). */
    EXPECT(rump_sys_nanosleep(&reclaim_wait, NULL) == 0);
    second = fill(&nfiles, &err);
    EXPECT(err == N_ENOSPC);
    /*
     * To the same level: a size-limited one within a chunk; an unlimited
     * one ends where the kernel's memory does, which its caches move by a
     * little (64 MB: 128 KiB seen), so within 2% of the limit.
     */
    if (size != 0)
        tolerance = CHUNK;
    else
        tolerance = mem.limit / 50 > 4 * CHUNK ? mem.limit / 50 : 4 * CHUNK;
    EXPECT(second + tolerance >= first && first + tolerance >= second);
    console_printf("rumpmem: %s: refilled %lu KiB, then errno %d\n", name,
                   (unsigned long)(second / 1024), err);
    EXPECT(empty(nfiles) == 0);
    /* It filled: a size-limited one to its size, an unlimited one to a
     * good part of the rump kernel's memory. */
    if (size != 0)
        EXPECT(first + 4 * CHUNK >= (uint64_t)size);
    else
        EXPECT(first >= mem.limit / 2);
    still_works(name);
    unmount_tmpfs();
}

/* --- descriptors ---------------------------------------------------------- */

static int
refused(int err)
{
    return err == N_EMFILE || err == N_ENFILE || err == N_ENOMEM ||
           err == N_ENOBUFS || err == N_ENOSPC;
}

/* Opens with open_one until refused; closes them all; returns how many. */
static int
open_until_refused(const char *what, int (*open_one)(int), int max)
{
    int *fds = mm_malloc((size_t)max * sizeof(int), 0);
    int n = 0, err = 0;

    EXPECT(fds != NULL);
    if (fds == NULL)
        return 0;
    while (n < max) {
        int fd = open_one(n);

        if (fd < 0) {
            err = hypercall_errno();
            break;
        }
        fds[n++] = fd;
    }
    console_printf("rumpmem: %s: %d open, then errno %d\n", what, n, err);
    EXPECT(n < max && refused(err));
    for (int i = 0; i < n; i++)
        EXPECT(rump_sys_close(fds[i]) == 0);
    mm_free(fds);
    return n;
}

static int
open_file(int i)
{
    char path[32];

    fmt_snprintf(path, sizeof(path), "/tmp/open%d", i);
    return rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR, 0644);
}

static int
open_socket(int i)
{
    (void)i;
    return rump_sys_socket(N_AF_INET, N_SOCK_DGRAM, 0);
}

struct rlimit {
    int64_t rlim_cur;
    int64_t rlim_max;
};
#define N_RLIMIT_NOFILE 8

/* Raises the descriptor limit to its hard limit, so that the kernel's
 * memory or its table of open files, not the soft limit, ends the fill. */
static void
raise_nofile(void)
{
    struct rlimit rl;

    EXPECT(rump_sys_getrlimit(N_RLIMIT_NOFILE, &rl) == 0);
    console_printf("rumpmem: descriptor limit %ld, hard %ld\n",
                   (long)rl.rlim_cur, (long)rl.rlim_max);
    rl.rlim_cur = rl.rlim_max;
    EXPECT(rump_sys_setrlimit(N_RLIMIT_NOFILE, &rl) == 0);
}

#define N_AF_LOCAL 1
#define N_SOCK_STREAM 1
#define N_F_SETFL 4
#define N_O_NONBLOCK 4
#define N_EAGAIN 35
#define N_SOL_SOCKET 0xffff
#define N_SO_SNDBUF 0x1001
#define N_SO_RCVBUF 0x1002
#define MAX_PAIRS 2000

/* Socket buffer bytes asked for each side of a pair. */
static const int pair_buf = 64 * 1024;

/* Fills one connected pair's buffers; returns bytes queued, *errp why not
 * more (EAGAIN: the buffers are full; anything else: the kernel refused). */
static uint64_t
pair_fill(int fd, int *errp)
{
    uint64_t queued = 0;

    (void)rump_sys_setsockopt(fd, N_SOL_SOCKET, N_SO_SNDBUF, &pair_buf,
                              sizeof(pair_buf));
    /* Non-blocking: a full buffer is EAGAIN, not a wait for a reader. */
    EXPECT(rump_sys_fcntl(fd, N_F_SETFL, N_O_NONBLOCK) == 0);
    for (;;) {
        ssize_t n = rump_sys_write(fd, chunk, 4096);

        if (n <= 0) {
            *errp = n < 0 ? hypercall_errno() : N_EAGAIN;
            return queued;
        }
        queued += (uint64_t)n;
    }
}

/*
 * Local stream socket pairs whose buffers are filled with data, until the
 * kernel refuses a pair or a byte (ENOBUFS, ENOMEM, EMFILE, ENFILE).
 */
static void
socket_data(void)
{
    int(*fds)[2] = mm_malloc(MAX_PAIRS * sizeof(*fds), 0);
    struct hypercall_mem_stats hs;
    uint64_t total = 0;
    int n = 0, err = 0;

    EXPECT(fds != NULL);
    if (fds == NULL)
        return;
    while (n < MAX_PAIRS) {
        int e = 0;

        if (rump_sys_socketpair(N_AF_LOCAL, N_SOCK_STREAM, 0, fds[n]) != 0) {
            err = hypercall_errno();
            break;
        }
        n++;
        (void)rump_sys_setsockopt(fds[n - 1][1], N_SOL_SOCKET, N_SO_RCVBUF,
                                  &pair_buf, sizeof(pair_buf));
        total += pair_fill(fds[n - 1][0], &e);
        if (e != N_EAGAIN) {
            err = e;
            break;
        }
    }
    hypercall_mem_get_stats(&hs);
    console_printf("rumpmem: socket data: %d pairs, %lu KiB queued, then "
                   "errno %d; rump kernel uses %lu KiB of %lu\n",
                   n, (unsigned long)(total / 1024), err,
                   (unsigned long)(hs.used / 1024),
                   (unsigned long)(hs.limit / 1024));
    EXPECT(n < MAX_PAIRS && refused(err));
    for (int i = 0; i < n; i++)
        EXPECT(rump_sys_close(fds[i][0]) == 0 &&
               rump_sys_close(fds[i][1]) == 0);
    mm_free(fds);
}

#define N_RLIMIT_SBSIZE 9
#define N_RLIM_INFINITY 0x7fffffffffffffffL

/* The part "stuck": returns only if the kernel refused after all. */
static void
stuck(void)
{
    struct rlimit rl = {N_RLIM_INFINITY, N_RLIM_INFINITY};

    raise_nofile();
    EXPECT(rump_sys_setrlimit(N_RLIMIT_SBSIZE, &rl) == 0);
    socket_data();
    console_printf("rumpmem: stuck: the kernel refused, it did not wait\n");
    EXPECT(!"the rump kernel waiting for memory");
}

static void
descriptors(void)
{
    int n;

    raise_nofile();
    EXPECT(mount_tmpfs(0) == 0);
    n = open_until_refused("files", open_file, 100000);
    for (int i = 0; i < n; i++) {
        char path[32];

        fmt_snprintf(path, sizeof(path), "/tmp/open%d", i);
        EXPECT(rump_sys_unlink(path) == 0);
    }
    (void)open_until_refused("sockets", open_socket, 100000);
    socket_data();
    still_works("files and sockets");
    unmount_tmpfs();
}

/* --- threads -------------------------------------------------------------- */

static struct waitq parked;
static int release;

static void
parked_thread(void *arg)
{
    (void)arg;
    while (!release)
        (void)waitq_wait(&parked, 0);
}

static void
threads(void)
{
    size_t max = (mem.free + mem.app) / SCHED_STACK_DEFAULT + 16;
    struct thread **t = mm_malloc(max * sizeof(*t), 0);
    size_t n = 0;
    int err = 0;

    EXPECT(t != NULL);
    if (t == NULL)
        return;
    release = 0;
    while (n < max) {
        t[n] = sched_create("parked", parked_thread, NULL, 0, SCHED_JOINABLE,
                            &err);
        if (t[n] == NULL)
            break;
        n++;
    }
    console_printf("rumpmem: threads: %lu created, then error %d\n",
                   (unsigned long)n, err);
    EXPECT(n > 0 && n < max && err == -RX_ENOMEM);
    release = 1;
    (void)waitq_wake_all(&parked);
    for (size_t i = 0; i < n; i++)
        EXPECT(sched_join(t[i]) == 0);
    mm_free(t);
    EXPECT(mount_tmpfs(0) == 0);
    still_works("threads");
    unmount_tmpfs();
}

/* --- file system calls from many threads ---------------------------------- */

static int fs_errors;

static void
fs_worker(void *arg)
{
    int id = (int)(uintptr_t)arg;
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 1000000};
    char path[32];

    fmt_snprintf(path, sizeof(path), "/tmp/w%d", id);
    for (int i = 0; i < FS_OPS; i++) {
        if (file_roundtrip(path) != 0)
            fs_errors++;
        if (rump_sys_nanosleep(&ts, NULL) != 0)
            fs_errors++;
    }
}

static void
fsthreads(void)
{
    struct thread *t[FS_THREADS];
    int err;

    EXPECT(mount_tmpfs(0) == 0);
    fs_errors = 0;
    for (int i = 0; i < FS_THREADS; i++) {
        t[i] = sched_create("fs-worker", fs_worker, (void *)(uintptr_t)i, 0,
                            SCHED_JOINABLE, &err);
        EXPECT(t[i] != NULL);
    }
    for (int i = 0; i < FS_THREADS; i++)
        if (t[i] != NULL)
            (void)sched_join(t[i]);
    console_printf("rumpmem: fsthreads: %d threads, %d file round trips and "
                   "nanosleeps each, %d errors\n",
                   FS_THREADS, FS_OPS, fs_errors);
    EXPECT(fs_errors == 0);
    still_works("fsthreads");
    unmount_tmpfs();
}

/* --- the parts ------------------------------------------------------------ */

static void
limit(int argc, char **argv)
{
    long want = -1;

    /* An explicit RUMP_MEMLIMIT=Nm must be what the rump kernel got. */
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);

        if (strncmp(argv[i], "RUMP_MEMLIMIT=", 14) == 0 && n > 15 &&
            argv[i][n - 1] == 'm') {
            argv[i][n - 1] = '\0';
            EXPECT(fmt_parse_long(argv[i] + 14, 1, 1L << 20, &want) == 0);
            argv[i][n - 1] = 'm';
            want <<= 20;
        }
    }
    console_printf(
        "rumpmem: limit: %lu KiB free at start, reserve %lu KiB, "
        "application %lu KiB, RUMP_MEMLIMIT %lu KiB (%s)\n",
        (unsigned long)(mem.free / 1024), (unsigned long)(mem.reserve / 1024),
        (unsigned long)(mem.app / 1024), (unsigned long)(mem.limit / 1024),
        mem.explicit ? "command line" : "default");
    EXPECT(mem.limit > 0 &&
           mem.limit + mem.reserve + mem.kthreads + mem.app == mem.free);
    EXPECT(mm_reserve() * PAGE_SIZE == mem.reserve);
    EXPECT(mem.explicit == (want >= 0));
    if (want >= 0)
        EXPECT(mem.limit == (uint64_t)want);
}

static const char *const parts[] = {
    "limit", "tmpfs", "unlimited", "files", "threads", "fsthreads", "stuck"};

/* Whether to run part: it is named, or no part is (then all run). */
static int
has(int argc, char **argv, const char *part)
{
    int named = 0;

    for (int i = 1; i < argc; i++)
        for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
            if (strcmp(argv[i], parts[p]) == 0) {
                named = 1;
                if (strcmp(argv[i], part) == 0)
                    return 1;
            }
    return !named;
}

int
main(int argc, char **argv)
{
    struct hypercall_mem_stats hs;

    rumpkernel_get_mem(&mem);
    memset(chunk, 'x', sizeof(chunk));
    if (rump_sys_mkdir("/tmp", 0777) != 0 && hypercall_errno() != 17)
        EXPECT(!"mkdir /tmp");
    if (has(argc, argv, "limit"))
        limit(argc, argv);
    if (has(argc, argv, "tmpfs"))
        tmpfs_fill_twice("tmpfs", (off_t)(mem.limit / 2));
    if (has(argc, argv, "unlimited"))
        tmpfs_fill_twice("unlimited tmpfs", 0);
    if (has(argc, argv, "files"))
        descriptors();
    if (has(argc, argv, "threads"))
        threads();
    if (has(argc, argv, "fsthreads"))
        fsthreads();
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "stuck") == 0)
            stuck();
    hypercall_mem_get_stats(&hs);
    console_printf("rumpmem: rump kernel memory: peak %lu KiB of %lu, %lu "
                   "allocations refused by the platform\n",
                   (unsigned long)(hs.peak / 1024),
                   (unsigned long)(hs.limit / 1024), (unsigned long)hs.failed);
    return test_done("rumpmem");
}
