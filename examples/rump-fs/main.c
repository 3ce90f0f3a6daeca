/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NetBSD's ext2 (default), ffs or msdos on xvda through the rump kernel:
 * reads the host's files, writes guest.txt, guest.bin and newdir/, syncs,
 * unmounts; the host checks the image. ffs-check: mounts FFS read-only and
 * checks both sets of files (no host fsck for FFS). Component set "fs".
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

#include <stdbool.h>

/* NetBSD's struct ufs_args, which ext2fs takes too. */
struct ufs_args {
    char *fspec;
};

/* NetBSD's struct uucred and export_args30, only padding in msdosfs_args. */
struct nb_uucred {
    unsigned short cr_unused;
    uint32_t cr_uid;
    uint32_t cr_gid;
    short cr_ngroups;
    uint32_t cr_groups[16];
};

struct nb_export_args30 {
    int ex_flags;
    uint32_t ex_root;
    struct nb_uucred ex_anon;
    void *ex_addr;
    int ex_addrlen;
    void *ex_mask;
    int ex_masklen;
    char *ex_indexfile;
};

/* NetBSD's struct msdosfs_args (version 3). */
struct msdosfs_args {
    char *fspec;
    struct nb_export_args30 pad;
    uint32_t uid;
    uint32_t gid;
    uint32_t mask;
    int flags;
    int version;
    uint32_t dirmask;
    int gmtoff;
};

#define MSDOSFSMNT_VERSIONED 16
#define MSDOSFSMNT_VERSION 3
#define MNT_RDONLY 1

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

/* Whether path holds size bytes of the pattern with seed. */
static bool
check_pattern_file(const char *path, size_t size, uint64_t seed)
{
    uint64_t *buf = mm_malloc(size + 8, 0);
    bool ok;

    if (buf == NULL)
        return false;
    ok = read_file(path, buf, size + 8) == (long)size;
    for (size_t i = 0; ok && i < size / 8; i++)
        ok = buf[i] == pattern_word(i * 8, seed);
    mm_free(buf);
    return ok;
}

/*
 * Reads big.bin in 32 KiB reads, as the first reader of it: the disk must
 * carry about its size, not read-ahead's pages twice (rumpkernel/readahead.c).
 */
static void
read_big_in_pieces(void)
{
    static char piece[32 * 1024];
    struct blkfront_stats st0, st1;
    int fd = rump_sys_open("/mnt/big.bin", RUMP_O_RDONLY);
    long total = 0, n;
    uint64_t bytes;

    if (fd < 0 || hypercall_disk_stats("xvda", &st0) != 0) {
        fail("opening big.bin");
        return;
    }
    while ((n = rump_sys_read(fd, piece, sizeof(piece))) > 0)
        total += n;
    rump_sys_close(fd);
    (void)hypercall_disk_stats("xvda", &st1);
    bytes = st1.bytes - st0.bytes;
    console_printf("rump-fs: big.bin (%ld bytes) read in 32 KiB reads moved "
                   "%llu bytes from the disk\n",
                   total, (unsigned long long)bytes);
    if (total != BIG_SIZE || bytes > BIG_SIZE + 64 * 1024)
        fail("reading big.bin once from the disk");
}

/* Reads what the host put in; ext2 has a lost+found the others lack. */
static void
read_host_files(bool ext2)
{
    static const char *const names[] = {"hello.txt", "big.bin", "sub",
                                        "lost+found"};
    int nwant = ext2 ? 4 : 3;
    char text[64];
    long n;

    if (list_dir("/mnt", names, nwant) != nwant)
        fail("listing the host's files");
    read_big_in_pieces();
    n = read_file("/mnt/hello.txt", text, sizeof(text) - 1);
    if (n != (long)strlen(HELLO) || memcmp(text, HELLO, (size_t)n) != 0)
        fail("reading hello.txt");
    n = read_file("/mnt/sub/nested.txt", text, sizeof(text) - 1);
    if (n != 7 || memcmp(text, "nested\n", 7) != 0)
        fail("reading sub/nested.txt");
    if (!check_pattern_file("/mnt/big.bin", BIG_SIZE, 7))
        fail("reading big.bin");
}

/* What write_guest_files left, read back after a fresh mount. */
static void
check_guest_files(void)
{
    static const char *const names[] = {"guest.txt", "guest.bin", "newdir"};
    char text[64];
    long n;

    if (list_dir("/mnt", names, 3) != 3)
        fail("listing the guest's files");
    n = read_file("/mnt/guest.txt", text, sizeof(text) - 1);
    if (n != (long)strlen(GUEST_TEXT) || memcmp(text, GUEST_TEXT, (size_t)n))
        fail("reading guest.txt");
    if (!check_pattern_file("/mnt/guest.bin", GUEST_BIN_SIZE, 9))
        fail("reading guest.bin");
}

/* Mounts xvda's file system of kind fs ("ext2", "ffs", "ffs-check",
 * "msdos") on /mnt; ffs-check mounts FFS read-only. */
static int
mount_fs(const char *fs)
{
    struct ufs_args ufs = {.fspec = "/dev/xvda"};
    struct msdosfs_args dos = {.fspec = "/dev/xvda",
                               .mask = 0755,
                               .dirmask = 0755,
                               .flags = MSDOSFSMNT_VERSIONED,
                               .version = MSDOSFSMNT_VERSION};

    if (strcmp(fs, "ext2") == 0)
        return rump_sys_mount("ext2fs", "/mnt", 0, &ufs, sizeof(ufs));
    if (strcmp(fs, "ffs") == 0)
        return rump_sys_mount("ffs", "/mnt", 0, &ufs, sizeof(ufs));
    if (strcmp(fs, "ffs-check") == 0)
        return rump_sys_mount("ffs", "/mnt", MNT_RDONLY, &ufs, sizeof(ufs));
    if (strcmp(fs, "msdos") == 0)
        return rump_sys_mount("msdos", "/mnt", 0, &dos, sizeof(dos));
    console_printf("rump-fs: unknown file system '%s' (ext2, ffs, ffs-check, "
                   "msdos)\n",
                   fs);
    return -1;
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
    const char *fs = argc >= 2 ? argv[1] : "ext2";
    struct blkfront_stats st;
    uint64_t t0;
    /* The disk is the vbd name; the rump kernel sees a block device. */
    if (rump_pub_etfs_register("/dev/xvda", "xvda", RUMP_ETFS_BLK) != 0) {
        console_printf("rump-fs: registering xvda failed\n");
        return 1;
    }
    if (rump_sys_mkdir("/mnt", 0755) != 0)
        fail("mkdir /mnt");
    if (mount_fs(fs) != 0) {
        fail("mounting /dev/xvda on /mnt");
        return 1;
    }
    console_printf("rump-fs: %s mounted from xvda\n", fs);
    t0 = time_now_ns();
    read_host_files(strcmp(fs, "ext2") == 0);
    if (strcmp(fs, "ffs-check") == 0) {
        check_guest_files();
        if (rump_sys_open("/mnt/ro.txt", RUMP_O_CREAT | RUMP_O_WRONLY, 0644) >=
            0)
            fail("a read-only mount refusing a new file");
    } else {
        write_guest_files();
    }
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
