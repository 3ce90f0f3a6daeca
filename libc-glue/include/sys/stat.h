/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's sys/stat.h plus the POSIX declarations it keeps to other
 * systems: lstat (libc-glue serves it in the rump kernel profile).
 */
#ifndef LIBC_GLUE_SYS_STAT_H
#define LIBC_GLUE_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *__restrict path, struct stat *__restrict st);

#endif
