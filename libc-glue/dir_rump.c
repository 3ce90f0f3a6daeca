/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Directories of the rump kernel profile: opendir/readdir/closedir over
 * the rump kernel's getdents, NetBSD's struct dirent translated to ours
 * (include/sys/dirent.h). Records from the kernel are checked before use.
 */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <rumpxen/hypercall.h>

#include "glue.h"
#include "rump_sys.h"
#include "xlate.h"

/* NetBSD's O_RDONLY | O_DIRECTORY. */
#define NB_O_DIRECTORY 0x00200000

/* The header of NetBSD's struct dirent, before d_name. */
#define NB_DIRENT_NAME offsetof(struct nb_dirent, d_name)

struct glue_dir {
    int fd;
    int pos, len; /* the next record and the end of the records in buf */
    struct dirent ent;
    char buf[8192];
};

DIR *
opendir(const char *path)
{
    DIR *d;
    int fd = rs_open(path, NB_O_DIRECTORY);

    if (fd < 0) {
        glue_fail(xlate_errno_to_newlib(hypercall_errno()));
        return NULL;
    }
    if ((d = malloc(sizeof(*d))) == NULL) {
        rs_close(fd);
        return NULL;
    }
    d->fd = fd;
    d->pos = d->len = 0;
    return d;
}

/* NULL at the end (errno unchanged) or on an error (errno set). */
struct dirent *
readdir(DIR *d)
{
    const struct nb_dirent *nb;
    size_t namlen;
    int n;

    if (d->pos >= d->len) {
        n = rs_getdents(d->fd, d->buf, sizeof(d->buf));
        if (n < 0)
            glue_fail(xlate_errno_to_newlib(hypercall_errno()));
        if (n <= 0)
            return NULL;
        d->pos = 0;
        d->len = n;
    }
    nb = (const struct nb_dirent *)(d->buf + d->pos);
    if ((size_t)(d->len - d->pos) < NB_DIRENT_NAME ||
        nb->d_reclen < NB_DIRENT_NAME || nb->d_reclen > d->len - d->pos ||
        nb->d_namlen > MAXNAMLEN ||
        nb->d_namlen > nb->d_reclen - NB_DIRENT_NAME) {
        d->pos = d->len;
        glue_fail(EIO);
        return NULL;
    }
    namlen = nb->d_namlen;
    d->ent.d_ino = (ino_t)nb->d_fileno;
    d->ent.d_type = nb->d_type; /* the DT_* values are NetBSD's */
    memcpy(d->ent.d_name, nb->d_name, namlen);
    d->ent.d_name[namlen] = '\0';
    d->pos += nb->d_reclen;
    return &d->ent;
}

void
rewinddir(DIR *d)
{
    rs_lseek(d->fd, 0, 0);
    d->pos = d->len = 0;
}

int
dirfd(DIR *d)
{
    return d->fd;
}

int
closedir(DIR *d)
{
    int rc = rs_close(d->fd);

    free(d);
    return rc == 0 ? 0 : glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}
