/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NetBSD's ext2 file system on a Xen virtual disk: registers xvda with the
 * rump kernel as /dev/xvda, mounts the ext2 image the host made, lists it,
 * reads its files (hello.txt, big.bin with pattern seed 7), writes new
 * ones (guest.txt, guest.bin with pattern seed 9, newdir/), syncs and
 * unmounts, with several block requests in flight at once; the host then
 * checks the image with e2fsck and debugfs.
 * Exits 0 only if all of it worked. Component set "fs".
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/time.h>
#include <rumpxen/rump_host.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

/* NetBSD's struct ufs_args, which ext2fs takes too. */
struct ufs_args {
    char *fspec;
};

/* NetBSD's struct dirent (getdents). */
struct nb_dirent {
    uint64_t d_fileno;
    uint16_t d_reclen;
    uint16_t d_namlen;
    uint8_t d_type;
    char d_name[512];
};

#define HELLO "hello from the host\n"
#define GUEST_TEXT "written by the rumpxen guest\n"
#define BIG_SIZE (300 * 1024)
#define GUEST_BIN_SIZE (256 * 1024)

static int failures;

static void
fail(const char *what)
{
    console_printf("rump-fs: %s failed, errno %d\n", what, hypercall_errno());
    failures++;
}

/* The test pattern of tests/host/blkimg.py: word at offset off, seed. */
static uint64_t
pattern_word(uint64_t off, uint64_t seed)
{
    return (off >> 3) * 0x9E3779B97F4A7C15ull + seed;
}

/* Reads path whole into buf (size bytes at most); returns its length. */
static long
read_file(const char *path, void *buf, size_t size)
{
    int fd = rump_sys_open(path, RUMP_O_RDONLY);
    long n;

    if (fd < 0)
        return -1;
    n = rump_sys_read(fd, buf, size);
    rump_sys_close(fd);
    return n;
}

static int
write_file(const char *path, const void *buf, size_t len)
{
    int fd =
        rump_sys_open(path, RUMP_O_CREAT | RUMP_O_WRONLY | RUMP_O_TRUNC, 0644);
    int rc = 0;

    if (fd < 0)
        return -1;
    if (rump_sys_write(fd, buf, len) != (ssize_t)len || rump_sys_fsync(fd) != 0)
        rc = -1;
    if (rump_sys_close(fd) != 0)
        rc = -1;
    return rc;
}

/* Lists dir; returns how many of the want names it holds. */
static int
list_dir(const char *dir, const char *const *want, int nwant)
{
    static char buf[4096];
    int fd = rump_sys_open(dir, RUMP_O_RDONLY | RUMP_O_DIRECTORY);
    int found = 0, n;

    if (fd < 0)
        return -1;
    while ((n = rump_sys_getdents(fd, buf, sizeof(buf))) > 0) {
        for (int off = 0; off < n;) {
            struct nb_dirent *d = (struct nb_dirent *)(buf + off);

            console_printf("rump-fs: %s/%s\n", dir, d->d_name);
            for (int i = 0; i < nwant; i++)
                found += strcmp(d->d_name, want[i]) == 0;
            if (d->d_reclen == 0)
                break;
            off += d->d_reclen;
        }
    }
    rump_sys_close(fd);
    return found;
}

static void
read_host_files(void)
{
    static const char *const names[] = {"hello.txt", "big.bin", "sub",
                                        "lost+found"};
    uint64_t *big = mm_malloc(BIG_SIZE + 8, 0);
    char text[64];
    long n;

    if (list_dir("/mnt", names, 4) != 4)
        fail("listing the host's files");
    n = read_file("/mnt/hello.txt", text, sizeof(text) - 1);
    if (n != (long)strlen(HELLO) || memcmp(text, HELLO, (size_t)n) != 0)
        fail("reading hello.txt");
    n = big ? read_file("/mnt/big.bin", big, BIG_SIZE + 8) : -1;
    if (n != BIG_SIZE) {
        fail("reading big.bin");
    } else {
        for (size_t i = 0; i < BIG_SIZE / 8; i++) {
            if (big[i] != pattern_word(i * 8, 7)) {
                fail("big.bin contents");
                break;
            }
        }
    }
    mm_free(big);
}

static void
write_guest_files(void)
{
    uint64_t *bin = mm_malloc(GUEST_BIN_SIZE, 0);

    if (write_file("/mnt/guest.txt", GUEST_TEXT, strlen(GUEST_TEXT)) != 0)
        fail("writing guest.txt");
    if (bin == NULL) {
        fail("allocating guest.bin");
        return;
    }
    for (size_t i = 0; i < GUEST_BIN_SIZE / 8; i++)
        bin[i] = pattern_word(i * 8, 9);
    if (write_file("/mnt/guest.bin", bin, GUEST_BIN_SIZE) != 0)
        fail("writing guest.bin");
    mm_free(bin);
    if (rump_sys_mkdir("/mnt/newdir", 0755) != 0)
        fail("mkdir newdir");
}

int
main(int argc, char **argv)
{
    struct ufs_args args = {.fspec = "/dev/xvda"};
    struct blkfront_stats st;
    uint64_t t0;

    (void)argc;
    (void)argv;
    /* The disk is the vbd name; the rump kernel sees a block device. */
    if (rump_pub_etfs_register("/dev/xvda", "xvda", RUMP_ETFS_BLK) != 0) {
        console_printf("rump-fs: registering xvda failed\n");
        return 1;
    }
    if (rump_sys_mkdir("/mnt", 0755) != 0)
        fail("mkdir /mnt");
    if (rump_sys_mount("ext2fs", "/mnt", 0, &args, sizeof(args)) != 0) {
        fail("mount ext2fs /dev/xvda on /mnt");
        return 1;
    }
    console_printf("rump-fs: ext2 mounted from xvda\n");
    t0 = time_now_ns();
    read_host_files();
    write_guest_files();
    if (rump_sys_unmount("/mnt", 0) != 0)
        fail("unmount /mnt");
    /* The rump kernel's read-ahead and write clusters overlap on the ring. */
    if (hypercall_disk_stats("xvda", &st) != 0 || st.max_inflight < 2)
        fail("several block requests in flight");
    else
        console_printf("rump-fs: files read, written and unmounted in %llu "
                       "ms; %llu ring requests, up to %u in flight\n",
                       (unsigned long long)((time_now_ns() - t0) / 1000000),
                       (unsigned long long)st.ring_requests, st.max_inflight);
    console_printf("rump-fs: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
