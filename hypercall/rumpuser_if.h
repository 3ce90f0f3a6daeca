/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpxen's own declaration of the rump kernel hypercall interface,
 * rumpuser(3), RUMPUSER_VERSION 17: what hypercall/ implements and what the
 * rump kernel calls. Written from the manual page; check_rumpuser.c checks
 * it against an installed rump kernel's rump/rumpuser.h at build time.
 * Errors are positive NetBSD errno values; void functions can not fail.
 *
 * When the installed header was included first (check_rumpuser.c), the
 * types it defines are not defined again here but mirrored under other
 * names, and the prototypes and constants below are redeclarations the
 * compiler compares with the installed ones.
 */
#ifndef HYPERCALL_RUMPUSER_IF_H
#define HYPERCALL_RUMPUSER_IF_H

#include <stddef.h>
#include <stdint.h>

#define RUMPUSER_VERSION 17

#ifdef _RUMP_RUMPUSER_H_
#define RUMPXEN_TYPE(name) rumpxen_mirror_##name
#else
#define RUMPXEN_TYPE(name) name
#endif

typedef int rumpuser_pid_t; /* NetBSD's pid_t */
struct lwp;

/* Upcalls into the rump kernel, handed over by rumpuser_init(). */
struct RUMPXEN_TYPE(rumpuser_hyperup) {
    void (*hyp_schedule)(void);
    void (*hyp_unschedule)(void);
    void (*hyp_backend_unschedule)(int, int *, void *);
    void (*hyp_backend_schedule)(int, void *);
    void (*hyp_lwproc_switch)(struct lwp *);
    void (*hyp_lwproc_release)(void);
    int (*hyp_lwproc_rfork)(void *, int, const char *);
    int (*hyp_lwproc_newlwp)(rumpuser_pid_t);
    struct lwp *(*hyp_lwproc_curlwp)(void);
    int (*hyp_syscall)(int, void *, long *);
    void (*hyp_lwpexit)(void);
    void (*hyp_execnotify)(const char *);
    rumpuser_pid_t (*hyp_getpid)(void);
    void *hyp__extra[8];
};

int rumpuser_init(int version, const struct rumpuser_hyperup *hyp);

/* Memory. */
int rumpuser_malloc(size_t len, int alignment, void **memp);
void rumpuser_free(void *mem, size_t len);
int rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
                      void **memp);
void rumpuser_unmap(void *addr, size_t len);

/* Files and block devices. */
#define RUMPUSER_OPEN_RDONLY 0x0000
#define RUMPUSER_OPEN_WRONLY 0x0001
#define RUMPUSER_OPEN_RDWR 0x0002
#define RUMPUSER_OPEN_ACCMODE 0x0003
#define RUMPUSER_OPEN_CREATE 0x0004
#define RUMPUSER_OPEN_EXCL 0x0008
#define RUMPUSER_OPEN_BIO 0x0010
int rumpuser_open(const char *name, int mode, int *fdp);
int rumpuser_close(int fd);

#define RUMPUSER_FT_OTHER 0
#define RUMPUSER_FT_DIR 1
#define RUMPUSER_FT_REG 2
#define RUMPUSER_FT_BLK 3
#define RUMPUSER_FT_CHR 4
int rumpuser_getfileinfo(const char *name, uint64_t *size, int *type);

#define RUMPUSER_BIO_READ 0x01
#define RUMPUSER_BIO_WRITE 0x02
#define RUMPUSER_BIO_SYNC 0x04
typedef void (*rump_biodone_fn)(void *arg, size_t done, int error);
void rumpuser_bio(int fd, int op, void *data, size_t len, int64_t off,
                  rump_biodone_fn biodone, void *arg);

struct RUMPXEN_TYPE(rumpuser_iovec) {
    void *iov_base;
    size_t iov_len;
};
#define RUMPUSER_IOV_NOSEEK -1
int rumpuser_iovread(int fd, struct rumpuser_iovec *iov, size_t iovlen,
                     int64_t off, size_t *retv);
int rumpuser_iovwrite(int fd, const struct rumpuser_iovec *iov,
                      size_t iovlen, int64_t off, size_t *retv);

#define RUMPUSER_SYNCFD_READ 0x01
#define RUMPUSER_SYNCFD_WRITE 0x02
#define RUMPUSER_SYNCFD_BOTH (RUMPUSER_SYNCFD_READ | RUMPUSER_SYNCFD_WRITE)
#define RUMPUSER_SYNCFD_BARRIER 0x04
#define RUMPUSER_SYNCFD_SYNC 0x08
int rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len);

/* Time. */
enum RUMPXEN_TYPE(rumpclock) {
    RUMPXEN_TYPE(RUMPUSER_CLOCK_RELWALL) = 0,
    RUMPXEN_TYPE(RUMPUSER_CLOCK_ABSMONO) = 1,
};
int rumpuser_clock_gettime(int clock, int64_t *sec, long *nsec);
int rumpuser_clock_sleep(int clock, int64_t sec, long nsec);

/* Parameters, errors, signals, exit, console, entropy. */
#define RUMPUSER_PARAM_NCPU "_RUMPUSER_NCPU"
#define RUMPUSER_PARAM_HOSTNAME "_RUMPUSER_HOSTNAME"
int rumpuser_getparam(const char *name, void *buf, size_t buflen);
void rumpuser_seterrno(int error);
#define RUMPUSER_PID_SELF ((int64_t)-1)
int rumpuser_kill(int64_t pid, int sig);
#define RUMPUSER_PANIC (-1)
void rumpuser_exit(int value) __attribute__((noreturn));
void rumpuser_putchar(int ch);
void rumpuser_dprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
#define RUMPUSER_RANDOM_HARD 0x01
#define RUMPUSER_RANDOM_NOWAIT 0x02
int rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp);

/* Threads and the current lwp. */
int rumpuser_thread_create(void *(*fun)(void *), void *arg, const char *name,
                           int mustjoin, int priority, int cpuidx,
                           void **cookie);
void rumpuser_thread_exit(void) __attribute__((noreturn));
int rumpuser_thread_join(void *cookie);
enum RUMPXEN_TYPE(rumplwpop) {
    RUMPXEN_TYPE(RUMPUSER_LWP_CREATE) = 0,
    RUMPXEN_TYPE(RUMPUSER_LWP_DESTROY) = 1,
    RUMPXEN_TYPE(RUMPUSER_LWP_SET) = 2,
    RUMPXEN_TYPE(RUMPUSER_LWP_CLEAR) = 3,
};
void rumpuser_curlwpop(int op, struct lwp *l);
struct lwp *rumpuser_curlwp(void);

/* Mutexes, reader/writer locks, condition variables. */
struct rumpuser_mtx;
#define RUMPUSER_MTX_SPIN 0x01
#define RUMPUSER_MTX_KMUTEX 0x02
void rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags);
void rumpuser_mutex_enter(struct rumpuser_mtx *mtx);
void rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx);
int rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx);
void rumpuser_mutex_exit(struct rumpuser_mtx *mtx);
void rumpuser_mutex_destroy(struct rumpuser_mtx *mtx);
void rumpuser_mutex_owner(struct rumpuser_mtx *mtx, struct lwp **lp);

struct rumpuser_rw;
enum RUMPXEN_TYPE(rumprwlock) {
    RUMPXEN_TYPE(RUMPUSER_RW_READER) = 0,
    RUMPXEN_TYPE(RUMPUSER_RW_WRITER) = 1,
};
void rumpuser_rw_init(struct rumpuser_rw **rwp);
void rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw);
int rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw);
int rumpuser_rw_tryupgrade(struct rumpuser_rw *rw);
void rumpuser_rw_downgrade(struct rumpuser_rw *rw);
void rumpuser_rw_exit(struct rumpuser_rw *rw);
void rumpuser_rw_destroy(struct rumpuser_rw *rw);
void rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *rvp);

struct rumpuser_cv;
void rumpuser_cv_init(struct rumpuser_cv **cvp);
void rumpuser_cv_destroy(struct rumpuser_cv *cv);
void rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx);
void rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx);
int rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
                          int64_t sec, int64_t nsec);
void rumpuser_cv_signal(struct rumpuser_cv *cv);
void rumpuser_cv_broadcast(struct rumpuser_cv *cv);
void rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *rvp);

/* Static linking: components registered from link sets. */
struct modinfo;
struct rump_component;
typedef void (*rump_modinit_fn)(const struct modinfo *const *, size_t);
typedef int (*rump_symload_fn)(void *, uint64_t, char *, uint64_t);
typedef void (*rump_compload_fn)(const struct rump_component *);
void rumpuser_dl_bootstrap(rump_modinit_fn domodinit, rump_symload_fn symload,
                           rump_compload_fn compload);
int rumpuser_daemonize_begin(void);
int rumpuser_daemonize_done(int error);

/* System call proxy (remote clients): not supported here. */
int rumpuser_sp_init(const char *url, const char *ostype,
                     const char *osrelease, const char *machine);
int rumpuser_sp_copyin(void *arg, const void *raddr, void *laddr, size_t len);
int rumpuser_sp_copyinstr(void *arg, const void *raddr, void *laddr,
                          size_t *lenp);
int rumpuser_sp_copyout(void *arg, const void *laddr, void *raddr,
                        size_t dlen);
int rumpuser_sp_copyoutstr(void *arg, const void *laddr, void *raddr,
                           size_t *dlenp);
int rumpuser_sp_anonmmap(void *arg, size_t howmuch, void **addr);
int rumpuser_sp_raise(void *arg, int signo);
void rumpuser_sp_fini(void *arg);

#endif
