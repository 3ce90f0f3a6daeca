/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Benchmark of NetBSD's FFS on blkfront (rump kernel, set "fs"): a 256 MiB
 * file written in 1 MiB writes and fsynced, read back after a remount, then
 * 4 KiB random reads for 3 s; "bench: NAME VALUE UNIT" lines for bench.sh.
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

/* NetBSD's struct ufs_args. */
struct ufs_args {
    char *fspec;
};

#define MIB (1024u * 1024u)
#define TOTAL (256ull * MIB)
#define RANDOM_NS 3000000000ull

static int
remount(void)
{
    struct ufs_args args = {.fspec = "/dev/xvda"};

    (void)rump_sys_unmount("/mnt", 0);
    return rump_sys_mount("ffs", "/mnt", 0, &args, sizeof(args));
}

/* How the disk saw a phase (st0: its counters before): where time goes. */
static void
disk_report(const char *phase, const struct blkfront_stats *st0)
{
    struct blkfront_stats st;
    uint64_t depth;

    if (hypercall_disk_stats("xvda", &st) != 0)
        return;
    st.submitted -= st0->submitted;
    st.ring_requests -= st0->ring_requests;
    depth = (st.depth_sum - st0->depth_sum) * 10 /
            (st.ring_requests ? st.ring_requests : 1);
    console_printf("bench-info: %s: %llu bios of %llu KiB on average, %llu "
                   "ring requests, %llu.%llu in flight on average\n",
                   phase, (unsigned long long)st.submitted,
                   (unsigned long long)((st.bytes - st0->bytes) / 1024 /
                                        (st.submitted ? st.submitted : 1)),
                   (unsigned long long)st.ring_requests,
                   (unsigned long long)(depth / 10),
                   (unsigned long long)(depth % 10));
}

static int
sequential(int write, char *buf)
{
    struct blkfront_stats st0;
    int fd = rump_sys_open(
        "/mnt/big", write ? RUMP_O_CREAT | RUMP_O_RDWR : RUMP_O_RDONLY, 0644);
    uint64_t t0 = time_now_ns(), ns;

    if (fd < 0)
        return -1;
    memset(&st0, 0, sizeof(st0));
    (void)hypercall_disk_stats("xvda", &st0);
    for (uint64_t off = 0; off < TOTAL; off += MIB) {
        ssize_t n =
            write ? rump_sys_write(fd, buf, MIB) : rump_sys_read(fd, buf, MIB);

        if (n != (ssize_t)MIB) {
            rump_sys_close(fd);
            return -1;
        }
    }
    if ((write && rump_sys_fsync(fd) != 0) || rump_sys_close(fd) != 0)
        return -1;
    ns = time_now_ns() - t0;
    console_printf("bench: ffs_seq_%s %llu MB/s\n", write ? "write" : "read",
                   (unsigned long long)(TOTAL * 1000 / ns));
    disk_report(write ? "ffs_seq_write" : "ffs_seq_read", &st0);
    return 0;
}

static int
random_reads(char *buf)
{
    uint64_t x = 0x2545F4914F6CDD1Dull, n = 0, t0, t;
    int fd = rump_sys_open("/mnt/big", RUMP_O_RDONLY);

    if (fd < 0)
        return -1;
    t0 = time_now_ns();
    do {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (rump_sys_pread(fd, buf, 4096,
                           (int64_t)((x % (TOTAL / 4096)) * 4096)) != 4096) {
            rump_sys_close(fd);
            return -1;
        }
        n++;
        t = time_now_ns() - t0;
    } while (t < RANDOM_NS);
    rump_sys_close(fd);
    console_printf("bench: ffs_rand_read_4k %llu IOPS\n",
                   (unsigned long long)(n * 1000000000ull / t));
    return 0;
}

int
main(int argc, char **argv)
{
    char *buf = mm_malloc(MIB, 0);

    (void)argc;
    (void)argv;
    if (buf == NULL ||
        rump_pub_etfs_register("/dev/xvda", "xvda", RUMP_ETFS_BLK) != 0 ||
        rump_sys_mkdir("/mnt", 0755) != 0 || remount() != 0) {
        console_printf("bench: mounting ffs on xvda failed, errno %d\n",
                       hypercall_errno());
        return 1;
    }
    memset(buf, 0x5a, MIB);
    if (sequential(1, buf) != 0 || remount() != 0 || sequential(0, buf) ||
        remount() != 0 || random_reads(buf) != 0 ||
        rump_sys_unmount("/mnt", 0) != 0) {
        console_printf("bench: ffs I/O failed, errno %d\n", hypercall_errno());
        return 1;
    }
    return 0;
}
