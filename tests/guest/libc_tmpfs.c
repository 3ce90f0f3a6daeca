/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib with the rump kernel profile: /tmp is the tmpfs that boot
 * mounts. The rump kernel's statvfs1 says "tmpfs" mounted on "/tmp", stat
 * of /tmp and of a file in it agree on the device, and a read at or past
 * the end of a file returns 0 bytes (SQLite reads past the end of its
 * journal and database). Prints "libc-tmpfs: PASS" or what failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libc_test.h"

/*
 * NetBSD's struct statvfs, up to the names: 4 longs, 12 64-bit counters,
 * fsid_t, 2 longs, uid_t and 4 spare words, then the names.
 */
struct nb_statvfs {
    unsigned long flag, bsize, frsize, iosize;
    uint64_t counters[12];
    int32_t fsidx[2];
    unsigned long fsid, namemax;
    uint32_t owner;
    uint32_t spare[4];
    char fstypename[32];
    char mntonname[1024];
    char mntfromname[1024];
};

int rump_statvfs1(const char *path, struct nb_statvfs *buf,
                  int flags) __asm__("rump___sysimpl_statvfs1");


static struct nb_statvfs vfs;

static void
test_mounted(void)
{
    struct stat root, tmp, file;
    int fd;

    EXPECT(rump_statvfs1("/tmp", &vfs, 1 /* ST_WAIT */) == 0);
    printf("libc-tmpfs: /tmp is %.32s on %.64s\n", vfs.fstypename,
           vfs.mntonname);
    EXPECT(strcmp(vfs.fstypename, "tmpfs") == 0);
    EXPECT(strcmp(vfs.mntonname, "/tmp") == 0);
    EXPECT(stat("/", &root) == 0);
    EXPECT(stat("/tmp", &tmp) == 0);
    EXPECT(tmp.st_dev != root.st_dev);
    fd = open("/tmp/dev.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    EXPECT(fd >= 0 && close(fd) == 0);
    EXPECT(stat("/tmp/dev.txt", &file) == 0 && file.st_dev == tmp.st_dev);
    printf("libc-tmpfs: dev / %#lx, /tmp %#lx, file %#lx\n",
           (unsigned long)root.st_dev, (unsigned long)tmp.st_dev,
           (unsigned long)file.st_dev);
}

static void
test_read_past_end(void)
{
    char buf[8192];
    int fd;

    fd = open("/tmp/short.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT(fd >= 0);
    EXPECT(write(fd, "0123456789", 10) == 10);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT(read(fd, buf, sizeof(buf)) == 10);
    EXPECT(read(fd, buf, sizeof(buf)) == 0);
    EXPECT(lseek(fd, 100, SEEK_SET) == 100);
    EXPECT(read(fd, buf, 100) == 0);
    EXPECT(lseek(fd, 5000, SEEK_SET) == 5000);
    EXPECT(read(fd, buf, 100) == 0);
    EXPECT(lseek(fd, 1 << 20, SEEK_SET) == 1 << 20);
    EXPECT(read(fd, buf, sizeof(buf)) == 0);
    EXPECT(close(fd) == 0);
    EXPECT(unlink("/tmp/short.txt") == 0);
}

int
main(void)
{
    test_mounted();
    test_read_past_end();
    if (failures == 0)
        printf("libc-tmpfs: PASS (%d checks)\n", checks);
    else
        printf("libc-tmpfs: FAIL (%d of %d checks)\n", failures, checks);
    return failures == 0 ? 0 : 1;
}
