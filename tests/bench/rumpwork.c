/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One rump kernel workload measured two ways (rumpxen guest, hosted rump
 * kernel on Linux): rump_init time, the getpid round trip (from a thread
 * without and with an lwp of its own), tmpfs file cycles (create, write
 * 4 KiB, close, unlink) from 1 and 8 threads, and a 16 MiB tmpfs file
 * written and read in 64 KiB I/Os, and TCP over the rump kernel's loopback
 * interface (lo0, 127.0.0.1: the whole NetBSD TCP/IP stack, no NIC) from
 * one thread to another in 64 KiB writes. Each phase runs for at least PHASE_NS
 * (short phases are unreliable on the emulated machine); results print as
 * "rumpwork: METRIC VALUE UNIT".
 */
#include "rumpwork.h"

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>
#include <rumpxen/nb_abi.h>

#define PHASE_NS 500000000ULL
#define SLICE_NS 5000000ULL
#define CYCLE_BYTES 4096
#define THREADS 8
#define BIG_BYTES (16u << 20)
#define IO_BYTES (64u << 10)
#define TCP_PORT 5001

/* NetBSD's struct tmpfs_args, version 1. */
struct rw_tmpfs_args {
    int ta_version;
    ino_t ta_nodes_max;
    off_t ta_size_max;
    uid_t ta_root_uid;
    gid_t ta_root_gid;
    mode_t ta_root_mode;
};

static char io_buf[IO_BYTES];
static int failures;

static void
fail(const char *what)
{
    char line[128];

    rw_fmt(line, sizeof(line), "rumpwork: %s failed, errno %d", what,
           rw_errno());
    rw_puts(line);
    failures++;
}

static void
report(const char *metric, unsigned long long value, const char *unit)
{
    char line[128];

    rw_fmt(line, sizeof(line), "rumpwork: %s %llu %s", metric, value, unit);
    rw_puts(line);
}

/* ops per second from a count and nanoseconds. */
static unsigned long long
per_sec(unsigned long long ops, uint64_t ns)
{
    return ns ? ops * 1000000000ULL / ns : 0;
}

/*
 * The getpid round trip from a thread with no lwp of its own (the rump
 * kernel makes and frees a temporary one per call), as METRIC: the
 * fastest of the SLICE_NS slices of a PHASE_NS phase, so that the
 * machine's slow moments (TCG's speed swings, other guests) do not enter,
 * on either side. The clock is read once per batch of calls sized to take
 * about a slice, so its cost (up to 80 us in a Linux DomU whose rdtsc is
 * emulated) stays a few percent of the slice.
 */
static void
bench_getpid(const char *metric)
{
    uint64_t t0 = rw_now_ns(), start = t0, t, best = 0;
    unsigned long batch = 64, best_calls = 1;

    do {
        for (unsigned long i = 0; i < batch; i++)
            if (rump_sys_getpid() <= 0)
                failures++;
        t = rw_now_ns();
        if (t - start >= SLICE_NS / 2 &&
            (best == 0 || (t - start) * best_calls < best * batch)) {
            best = t - start;
            best_calls = batch;
        }
        /* Double the batch until it fills half a slice. */
        if (t - start < SLICE_NS / 2 && batch < (1ul << 24))
            batch *= 2;
        start = t;
    } while (t - t0 < PHASE_NS);
    report(metric, best / best_calls, "ns");
}

/* The same from a thread bound to an lwp of a new process (fast path). */
static void
bench_getpid_bound(void)
{
    if (rump_pub_lwproc_rfork(RUMP_RFCFDG) != 0) {
        fail("rump_pub_lwproc_rfork");
        return;
    }
    bench_getpid("getpid_rtt_bound");
    rump_pub_lwproc_releaselwp();
}

/* One create+write+close+unlink cycle on PATH; 0 if it worked. */
static int
file_cycle(const char *path, const char *data)
{
    int fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_WRONLY, 0644);

    if (fd < 0)
        return -1;
    if (rump_sys_write(fd, data, CYCLE_BYTES) != CYCLE_BYTES) {
        rump_sys_close(fd);
        return -1;
    }
    if (rump_sys_close(fd) != 0)
        return -1;
    return rump_sys_unlink(path);
}

struct cycler {
    int id;
    uint64_t deadline;
    unsigned long long cycles;
    int errors;
};

static void
cycler_main(void *arg)
{
    struct cycler *c = arg;
    char path[32];
    static const char data[CYCLE_BYTES];

    rw_fmt(path, sizeof(path), "/tmp/c%d", c->id);
    /* The clock is checked every 16 cycles (a clock read may be slow). */
    do {
        for (int i = 0; i < 16; i++)
            if (file_cycle(path, data) != 0)
                c->errors++;
        c->cycles += 16;
    } while (rw_now_ns() < c->deadline);
}

static void
bench_cycles(int threads, const char *metric)
{
    struct cycler c[THREADS];
    void *args[THREADS];
    unsigned long long total = 0;
    uint64_t t0 = rw_now_ns(), t;

    for (int i = 0; i < threads; i++) {
        c[i] = (struct cycler){.id = i, .deadline = t0 + PHASE_NS};
        args[i] = &c[i];
    }
    if (rw_run_threads(threads, cycler_main, args) != 0) {
        fail("starting threads");
        return;
    }
    t = rw_now_ns();
    for (int i = 0; i < threads; i++) {
        total += c[i].cycles;
        if (c[i].errors)
            fail(metric);
    }
    report(metric, per_sec(total, t - t0), "cycles/s");
}

/* Writes the big file once; 0 if every write was whole. */
static int
big_write(void)
{
    int fd = rump_sys_open("/tmp/big",
                           RUMP_O_CREAT | RUMP_O_WRONLY | RUMP_O_TRUNC, 0644);
    int rc = 0;

    if (fd < 0)
        return -1;
    for (unsigned int off = 0; off < BIG_BYTES; off += IO_BYTES)
        if (rump_sys_write(fd, io_buf, IO_BYTES) != IO_BYTES)
            rc = -1;
    if (rump_sys_close(fd) != 0)
        rc = -1;
    return rc;
}

static int
big_read(void)
{
    int fd = rump_sys_open("/tmp/big", RUMP_O_RDONLY, 0);
    int rc = 0;

    if (fd < 0)
        return -1;
    for (unsigned int off = 0; off < BIG_BYTES; off += IO_BYTES)
        if (rump_sys_read(fd, io_buf, IO_BYTES) != IO_BYTES)
            rc = -1;
    if (rump_sys_close(fd) != 0)
        rc = -1;
    return rc;
}

/* MiB/s of OP repeated (each time the whole file) for PHASE_NS. */
static void
bench_big(int (*op)(void), const char *metric)
{
    uint64_t t0 = rw_now_ns(), t;
    unsigned long long bytes = 0;

    do {
        if (op() != 0) {
            fail(metric);
            return;
        }
        bytes += BIG_BYTES;
        t = rw_now_ns();
    } while (t - t0 < PHASE_NS);
    report(metric, per_sec(bytes, t - t0) >> 20, "MiB/s");
}

/* 127.0.0.1, port TCP_PORT. */
static const struct nb_sockaddr_in loopback = {
    .sin_len = sizeof(loopback),
    .sin_family = RUMP_AF_INET,
    .sin_port = __builtin_bswap16(TCP_PORT),
    .sin_addr = __builtin_bswap32(0x7f000001),
};

/* One end of the loopback TCP phase. */
struct tcp_end {
    int fd;            /* the listening socket (receiver) or -1 */
    uint64_t deadline; /* the sender sends until then */
    unsigned long long bytes;
    int errors;
};

/* Accepts one connection and reads it to its end, counting the bytes. */
static void
tcp_receive(struct tcp_end *e)
{
    static char buf[IO_BYTES];
    int fd = rump_sys_accept(e->fd, 0, 0);
    ssize_t n;

    if (fd < 0) {
        e->errors++;
        return;
    }
    while ((n = rump_sys_read(fd, buf, sizeof(buf))) > 0)
        e->bytes += (unsigned long long)n;
    if (n < 0)
        e->errors++;
    rump_sys_close(fd);
}

/* Connects to 127.0.0.1 and writes 64 KiB at a time until the deadline. */
static void
tcp_send(struct tcp_end *e)
{
    int fd = rump_sys_socket(RUMP_PF_INET, RUMP_SOCK_STREAM, 0);

    if (fd < 0 ||
        rump_sys_connect(fd, (const void *)&loopback, sizeof(loopback)) != 0) {
        e->errors++;
        if (fd >= 0)
            rump_sys_close(fd);
        return;
    }
    do {
        for (int i = 0; i < 16; i++) {
            if (rump_sys_write(fd, io_buf, IO_BYTES) != IO_BYTES) {
                e->errors++;
                break;
            }
            e->bytes += IO_BYTES;
        }
    } while (e->errors == 0 && rw_now_ns() < e->deadline);
    rump_sys_close(fd);
}

static void
tcp_main(void *arg)
{
    struct tcp_end *e = arg;

    if (e->fd >= 0)
        tcp_receive(e);
    else
        tcp_send(e);
}

/*
 * MiB/s through the TCP/IP stack and lo0, counted by the receiver once
 * the sender has closed (every byte sent must have arrived).
 */
static void
bench_tcp_loopback(void)
{
    struct tcp_end rx = {.fd = -1}, tx = {.fd = -1};
    void *args[2] = {&rx, &tx};
    uint64_t t0, t;

    rx.fd = rump_sys_socket(RUMP_PF_INET, RUMP_SOCK_STREAM, 0);
    if (rx.fd < 0 ||
        rump_sys_bind(rx.fd, (const void *)&loopback, sizeof(loopback)) != 0 ||
        rump_sys_listen(rx.fd, 1) != 0) {
        fail("tcp_loopback listen");
        if (rx.fd >= 0)
            rump_sys_close(rx.fd);
        return;
    }
    t0 = rw_now_ns();
    tx.deadline = t0 + PHASE_NS;
    if (rw_run_threads(2, tcp_main, args) != 0)
        fail("tcp_loopback threads");
    t = rw_now_ns();
    rump_sys_close(rx.fd);
    if (rx.errors || tx.errors || rx.bytes != tx.bytes || rx.bytes == 0) {
        fail("tcp_loopback");
        return;
    }
    report("tcp_loopback", per_sec(rx.bytes, t - t0) >> 20, "MiB/s");
}

/*
 * Nanoseconds of a fixed loop of integer work that touches no rump kernel:
 * how fast the (emulated) machine ran this run. Its ratio between two runs
 * is the share of their other ratios that is the machine's speed.
 */
static void
calibrate(void)
{
    volatile uint32_t sink;
    uint32_t x = 1;
    uint64_t t0 = rw_now_ns();

    for (uint32_t i = 0; i < (1u << 22); i++)
        x = x * 1664525u + 1013904223u;
    sink = x;
    (void)sink;
    report("calib_loop", (rw_now_ns() - t0) / 1000, "us");
}

int
rumpwork_run(const char *platform)
{
    struct rw_tmpfs_args args = {.ta_version = 1, .ta_root_mode = 01777};
    char line[96];

    rw_fmt(line, sizeof(line), "rumpwork: platform %s", platform);
    rw_puts(line);
    calibrate();
    report("rump_init", rw_rump_init_ns() / 1000, "us");
    /* rumpfs may already have /tmp (EEXIST, 17): either way, mount. */
    if (rump_sys_mkdir("/tmp", 0777) != 0 && rw_errno() != 17)
        fail("mkdir /tmp");
    if (rump_sys_mount("tmpfs", "/tmp", 0, &args, sizeof(args)) != 0) {
        fail("mount tmpfs");
        rw_puts("rumpwork: FAIL");
        return 1;
    }
    bench_getpid("getpid_rtt");
    bench_getpid_bound();
    bench_cycles(1, "tmpfs_cycle_1t");
    bench_cycles(THREADS, "tmpfs_cycle_8t");
    bench_big(big_write, "file16m_write");
    bench_big(big_read, "file16m_read");
    bench_tcp_loopback();
    if (rump_sys_unlink("/tmp/big") != 0)
        fail("unlink /tmp/big");
    if (rump_sys_unmount("/tmp", 0) != 0)
        fail("unmount /tmp");
    rw_puts(failures ? "rumpwork: FAIL" : "rumpwork: PASS");
    return failures ? 1 : 0;
}
