/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's disks, mounted before main() (boot stage
 * BOOT_STAGE_DEVICES): each vbd becomes the rump kernel's block device
 * /dev/VBD (etfs over blkfront, hypercall/file.c), its mount point is
 * made (with parents) and the file system mounted, read-only if asked.
 * A disk that can not be mounted ends the guest with CONFIG_EXIT_STATUS.
 * Mounts stay until the guest ends; the application syncs what it writes.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#define MNT_RDONLY 1

/* NetBSD's struct ufs_args, which ext2fs takes too. */
struct mounts_ufs_args {
    char *fspec;
};

/* NetBSD's struct export_args30 (with its uucred): padding here. */
struct mounts_export_args30 {
    int ex_flags;
    uint32_t ex_root;
    unsigned short cr_unused;
    uint32_t cr_uid;
    uint32_t cr_gid;
    short cr_ngroups;
    uint32_t cr_groups[16];
    void *ex_addr;
    int ex_addrlen;
    void *ex_mask;
    int ex_masklen;
    char *ex_indexfile;
};

/* NetBSD's struct msdosfs_args, version 3. */
struct mounts_msdosfs_args {
    char *fspec;
    struct mounts_export_args30 pad;
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

/* mkdir -p: every directory of path, existing ones are fine. */
static int
mounts_mkdirs(char *path)
{
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char was = *p;

        *p = '\0';
        if (rump_sys_mkdir(path, 0755) != 0 &&
            hypercall_errno() != RUMP_EEXIST) {
            *p = was;
            return -1;
        }
        *p = was;
        if (was == '\0')
            return 0;
    }
}

static void
mounts_one(const struct config_blk *b)
{
    char dev[8 + CONFIG_VBD_MAX], dir[CONFIG_PATH_MAX];
    struct mounts_ufs_args ufs = {.fspec = dev};
    struct mounts_msdosfs_args msdos = {
        .fspec = dev,
        .mask = 0755,
        .dirmask = 0755,
        .flags = MSDOSFSMNT_VERSIONED,
        .version = MSDOSFSMNT_VERSION,
    };
    int flags = b->readonly ? MNT_RDONLY : 0, rc;

    fmt_snprintf(dev, sizeof(dev), "/dev/%s", b->vbd);
    fmt_snprintf(dir, sizeof(dir), "%s", b->mountpoint);
    rc = rump_pub_etfs_register(dev, b->vbd, RUMP_ETFS_BLK);
    if (rc != 0)
        config_fail("blk.%s: can not attach the disk (error %d)", b->vbd, rc);
    if (mounts_mkdirs(dir) != 0)
        config_fail("blk.%s: can not make the mount point %s (errno %d)",
                    b->vbd, b->mountpoint, hypercall_errno());
    if (strcmp(b->fstype, "msdos") == 0)
        rc = rump_sys_mount(b->fstype, dir, flags, &msdos, sizeof(msdos));
    else
        rc = rump_sys_mount(b->fstype, dir, flags, &ufs, sizeof(ufs));
    if (rc != 0) {
        int e = hypercall_errno();

        config_fail("blk.%s: can not mount it as %s on %s (errno %d%s)", b->vbd,
                    b->fstype, b->mountpoint, e,
                    e == RUMP_ENODEV ? ": no such file system in this image"
                    : (e == RUMP_EACCES || e == RUMP_EROFS) && !b->readonly
                        ? ": a read-only disk needs :ro"
                        : "");
    }
    console_printf("rumpxen: %s mounted on %s (%s%s)\n", dev, b->mountpoint,
                   b->fstype, b->readonly ? ", read-only" : "");
}

static int
mounts_apply(void)
{
    const struct config *c = config_get();

    config_mark_applied(CONFIG_APPLIED_BLK);
    for (unsigned int i = 0; i < c->nblk; i++)
        mounts_one(&c->blk[i]);
    return 0;
}
BOOT_STAGE(BOOT_STAGE_DEVICES, "mounts", mounts_apply);
