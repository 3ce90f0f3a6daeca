/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rump kernel's system calls as libc-glue calls them: declared here
 * with NetBSD/amd64's types spelled out (the installed rump_syscalls.h
 * needs NetBSD's type names, which clash with newlib's), under the names
 * rump_syscalls.h renames rump_sys_* to. Each returns -1 on failure with
 * the NetBSD errno in hypercall_errno(). Also NetBSD's struct stat and
 * struct dirent. Internal to libc-glue.
 */
#ifndef LIBC_GLUE_RUMP_SYS_H
#define LIBC_GLUE_RUMP_SYS_H

#include <stddef.h>
#include <stdint.h>

struct nb_timespec {
    int64_t tv_sec;
    long tv_nsec;
};

/* NetBSD's struct stat (stat50). */
struct nb_stat {
    uint64_t st_dev;
    uint32_t st_mode;
    uint64_t st_ino;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    struct nb_timespec st_atim, st_mtim, st_ctim, st_birthtim;
    int64_t st_size;
    int64_t st_blocks;
    int32_t st_blksize;
    uint32_t st_flags;
    uint32_t st_gen;
    uint32_t st_spare[2];
};

/* NetBSD's struct dirent (getdents30). */
struct nb_dirent {
    uint64_t d_fileno;
    uint16_t d_reclen;
    uint16_t d_namlen;
    uint8_t d_type;
    char d_name[512];
};

int rs_open(const char *path, int flags, ...) __asm__("rump___sysimpl_open");
long rs_read(int fd, void *buf, size_t len) __asm__("rump___sysimpl_read");
long rs_write(int fd, const void *buf,
              size_t len) __asm__("rump___sysimpl_write");
int rs_close(int fd) __asm__("rump___sysimpl_close");
int64_t rs_lseek(int fd, int64_t off,
                 int whence) __asm__("rump___sysimpl_lseek");
int rs_fstat(int fd, struct nb_stat *st) __asm__("rump___sysimpl_fstat50");
int rs_stat(const char *path,
            struct nb_stat *st) __asm__("rump___sysimpl_stat50");
int rs_lstat(const char *path,
             struct nb_stat *st) __asm__("rump___sysimpl_lstat50");
int rs_unlink(const char *path) __asm__("rump___sysimpl_unlink");
int rs_link(const char *old, const char *new) __asm__("rump___sysimpl_link");
int rs_rename(const char *from,
              const char *to) __asm__("rump___sysimpl_rename");
int rs_mkdir(const char *path, uint32_t mode) __asm__("rump___sysimpl_mkdir");
int rs_rmdir(const char *path) __asm__("rump___sysimpl_rmdir");
int rs_getdents(int fd, char *buf,
                size_t len) __asm__("rump___sysimpl_getdents30");
int rs_mount(const char *type, const char *path, int flags, void *data,
             size_t len) __asm__("rump___sysimpl_mount50");

#endif
