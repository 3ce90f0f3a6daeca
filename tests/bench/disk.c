/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Benchmark of blkfront on a 256 MiB xvda: sequential write (flushed) and
 * read in 1 MiB steps of eight 128 KiB requests, then 4 KiB random reads
 * one at a time for 3 s; "bench: NAME VALUE UNIT" lines for bench.sh, as
 * tests/bench/linux-disk.c prints them from a Linux DomU.
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#define MIB (1024u * 1024u)
#define TOTAL (256 * MIB)
#define NSPLIT 8
#define RANDOM_NS 3000000000ull

static struct waitq wq;
static unsigned int left;
static int errors;

static void
step_done(struct blkfront_req *req)
{
    if (req->error)
        errors++;
    if (--left == 0)
        waitq_wake_all(&wq);
}

/* One 1 MiB step at off: NSPLIT requests, waited for together. */
static int
step(struct blkfront *bf, enum blkfront_op op, uint64_t off, char *buf)
{
    static struct blkfront_req req[NSPLIT];
    size_t part = MIB / NSPLIT;

    for (unsigned int k = 0; k < NSPLIT; k++) {
        req[k] = (struct blkfront_req){.op = op,
                                       .offset = off + k * part,
                                       .buf = buf + k * part,
                                       .len = part,
                                       .done = step_done};
        left++;
        if (blkfront_submit(bf, &req[k]) != 0) {
            left--;
            errors++;
        }
    }
    while (left > 0)
        waitq_wait(&wq, 0);
    return errors ? -1 : 0;
}

/* MB/s (10^6 bytes) of moving TOTAL bytes in ns. */
static unsigned long long
mb_per_s(uint64_t ns)
{
    return ns ? (unsigned long long)((uint64_t)TOTAL * 1000 / ns) : 0;
}

static int
sequential(struct blkfront *bf, enum blkfront_op op, char *buf)
{
    uint64_t t0 = time_now_ns();

    for (uint64_t off = 0; off < TOTAL; off += MIB)
        if (step(bf, op, off, buf) != 0)
            return -1;
    if (op == BLKFRONT_WRITE && blkfront_io(bf, BLKFRONT_FLUSH, 0, NULL, 0))
        return -1;
    console_printf("bench: disk_seq_%s %llu MB/s\n",
                   op == BLKFRONT_WRITE ? "write" : "read",
                   mb_per_s(time_now_ns() - t0));
    return 0;
}

static int
random_reads(struct blkfront *bf, char *buf)
{
    uint64_t x = 0x2545F4914F6CDD1Dull, n = 0;
    uint64_t t0 = time_now_ns(), t;

    do {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (blkfront_io(bf, BLKFRONT_READ, (x % (TOTAL / 4096)) * 4096, buf,
                        4096) != 0)
            return -1;
        n++;
        t = time_now_ns() - t0;
    } while (t < RANDOM_NS);
    console_printf("bench: disk_rand_read_4k %llu IOPS\n",
                   (unsigned long long)(n * 1000000000ull / t));
    return 0;
}

int
main(int argc, char **argv)
{
    struct blkfront *bf;
    char *buf = mm_alloc_pages(MIB / PAGE_SIZE, 1);

    (void)argc;
    (void)argv;
    if (buf == NULL || blkfront_open("xvda", &bf) != 0 ||
        blkfront_info(bf)->capacity < TOTAL) {
        console_printf("bench: no 256 MiB xvda\n");
        return 1;
    }
    memset(buf, 0x5a, MIB);
    if (sequential(bf, BLKFRONT_WRITE, buf) != 0 ||
        sequential(bf, BLKFRONT_READ, buf) != 0 || random_reads(bf, buf)) {
        console_printf("bench: disk I/O failed\n");
        return 1;
    }
    return 0;
}
