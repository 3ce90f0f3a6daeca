/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Directories for newlib programs (newlib's own sys/dirent.h only says
 * "not supported"): opendir/readdir/closedir over the rump kernel's
 * getdents (libc-glue/dir_rump.c). Included by newlib's <dirent.h>.
 */
#ifndef LIBC_GLUE_SYS_DIRENT_H
#define LIBC_GLUE_SYS_DIRENT_H

#include <sys/types.h>

#define MAXNAMLEN 511

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

struct dirent {
    ino_t d_ino;
    unsigned char d_type;
    char d_name[MAXNAMLEN + 1];
};

/* Opaque; newlib's <dirent.h> declares the functions. */
typedef struct glue_dir DIR;

#endif
