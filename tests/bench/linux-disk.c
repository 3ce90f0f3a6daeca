/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Linux DomU side of tests/bench/disk.c (static, run from the baseline's
 * initramfs by scripts/bench.sh): the same steps with O_DIRECT on
 * /dev/xvda, pwrite/pread of 1 MiB, fsync, 4 KiB random preads for 3 s.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024u * 1024u)
#define TOTAL (256ull * MIB)
#define RANDOM_NS 3000000000ull

static uint64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int
sequential(int fd, int write, char *buf)
{
    uint64_t t0 = now_ns(), ns;

    for (uint64_t off = 0; off < TOTAL; off += MIB) {
        ssize_t n = write ? pwrite(fd, buf, MIB, (off_t)off)
                          : pread(fd, buf, MIB, (off_t)off);

        if (n != (ssize_t)MIB)
            return -1;
    }
    if (write && fsync(fd) != 0)
        return -1;
    ns = now_ns() - t0;
    printf("bench: disk_seq_%s %llu MB/s\n", write ? "write" : "read",
           (unsigned long long)(TOTAL * 1000 / ns));
    return 0;
}

static int
random_reads(int fd, char *buf)
{
    uint64_t x = 0x2545F4914F6CDD1Dull, n = 0, t0 = now_ns(), t;

    do {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (pread(fd, buf, 4096, (off_t)((x % (TOTAL / 4096)) * 4096)) != 4096)
            return -1;
        n++;
        t = now_ns() - t0;
    } while (t < RANDOM_NS);
    printf("bench: disk_rand_read_4k %llu IOPS\n",
           (unsigned long long)(n * 1000000000ull / t));
    return 0;
}

int
main(int argc, char **argv)
{
    const char *dev = argc >= 2 ? argv[1] : "/dev/xvda";
    int fd = open(dev, O_RDWR | O_DIRECT);
    char *buf = NULL;

    if (fd < 0 || posix_memalign((void **)&buf, 4096, MIB) != 0) {
        printf("bench: opening %s failed\n", dev);
        return 1;
    }
    memset(buf, 0x5a, MIB);
    if (sequential(fd, 1, buf) != 0 || sequential(fd, 0, buf) != 0 ||
        random_reads(fd, buf) != 0) {
        printf("bench: disk I/O failed\n");
        return 1;
    }
    return 0;
}
