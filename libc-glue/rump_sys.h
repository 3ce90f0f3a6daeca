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

/* Sockets: NetBSD's structures are libc-glue/include's, passed as is. */
struct sockaddr;
struct msghdr;
struct iovec;
struct pollfd;

int rs_socket(int domain, int type,
              int proto) __asm__("rump___sysimpl_socket30");
int rs_socketpair(int domain, int type, int proto,
                  int *sv) __asm__("rump___sysimpl_socketpair");
int rs_bind(int fd, const struct sockaddr *sa,
            unsigned int len) __asm__("rump___sysimpl_bind");
int rs_listen(int fd, int backlog) __asm__("rump___sysimpl_listen");
int rs_paccept(int fd, struct sockaddr *sa, unsigned int *len,
               const void *sigmask,
               int flags) __asm__("rump___sysimpl_paccept");
int rs_connect(int fd, const struct sockaddr *sa,
               unsigned int len) __asm__("rump___sysimpl_connect");
long rs_sendto(int fd, const void *buf, size_t len, int flags,
               const struct sockaddr *to,
               unsigned int tolen) __asm__("rump___sysimpl_sendto");
long rs_recvfrom(int fd, void *buf, size_t len, int flags,
                 struct sockaddr *from,
                 unsigned int *fromlen) __asm__("rump___sysimpl_recvfrom");
long rs_sendmsg(int fd, const struct msghdr *msg,
                int flags) __asm__("rump___sysimpl_sendmsg");
long rs_recvmsg(int fd, struct msghdr *msg,
                int flags) __asm__("rump___sysimpl_recvmsg");
int rs_shutdown(int fd, int how) __asm__("rump___sysimpl_shutdown");
int rs_getsockname(int fd, struct sockaddr *sa,
                   unsigned int *len) __asm__("rump___sysimpl_getsockname");
int rs_getpeername(int fd, struct sockaddr *sa,
                   unsigned int *len) __asm__("rump___sysimpl_getpeername");
int rs_setsockopt(int fd, int level, int name, const void *val,
                  unsigned int len) __asm__("rump___sysimpl_setsockopt");
int rs_getsockopt(int fd, int level, int name, void *val,
                  unsigned int *len) __asm__("rump___sysimpl_getsockopt");

/* Descriptors and I/O multiplexing. */
struct nb_timeval {
    int64_t tv_sec;
    int32_t tv_usec;
};

int rs_poll(struct pollfd *fds, unsigned int nfds,
            int timeout) __asm__("rump___sysimpl_poll");
int rs_select(int nfds, void *rd, void *wr, void *ex,
              struct nb_timeval *tv) __asm__("rump___sysimpl_select50");
int rs_pipe2(int *fds, int flags) __asm__("rump___sysimpl_pipe2");
int rs_dup(int fd) __asm__("rump___sysimpl_dup");
int rs_dup2(int from, int to) __asm__("rump___sysimpl_dup2");
int rs_fcntl(int fd, int cmd, ...) __asm__("rump___sysimpl_fcntl");
int rs_ioctl(int fd, unsigned long req, ...) __asm__("rump___sysimpl_ioctl");
long rs_readv(int fd, const struct iovec *iov,
              int cnt) __asm__("rump___sysimpl_readv");
long rs_writev(int fd, const struct iovec *iov,
               int cnt) __asm__("rump___sysimpl_writev");
int rs_getrlimit(int which, void *rl) __asm__("rump___sysimpl_getrlimit");
int rs_setrlimit(int which, const void *rl) __asm__("rump___sysimpl_setrlimit");
uint32_t rs_umask(uint32_t mask) __asm__("rump___sysimpl_umask");
int rs_fsync(int fd) __asm__("rump___sysimpl_fsync");
int rs_ftruncate(int fd, int64_t len) __asm__("rump___sysimpl_ftruncate");

/* NetBSD's struct flock. */
struct nb_flock {
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    int16_t l_type;
    int16_t l_whence;
};

/* More of the file system. */
int rs_access(const char *path, int mode) __asm__("rump___sysimpl_access");
int rs_chdir(const char *path) __asm__("rump___sysimpl_chdir");
int rs_getcwd(char *buf, size_t len) __asm__("rump___sysimpl___getcwd");
int rs_chmod(const char *path, uint32_t mode) __asm__("rump___sysimpl_chmod");
int rs_symlink(const char *target,
               const char *path) __asm__("rump___sysimpl_symlink");
long rs_readlink(const char *path, char *buf,
                 size_t len) __asm__("rump___sysimpl_readlink");
int rs_truncate(const char *path,
                int64_t len) __asm__("rump___sysimpl_truncate");
long rs_pread(int fd, void *buf, size_t len,
              int64_t off) __asm__("rump___sysimpl_pread");
long rs_pwrite(int fd, const void *buf, size_t len,
               int64_t off) __asm__("rump___sysimpl_pwrite");

#endif
