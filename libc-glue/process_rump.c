/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rest of a process's calls for the rump kernel profile (kept out of
 * the platform-only profile, whose image has a size budget): what can not
 * exist in a single-process, single-image guest fails as POSIX documents
 * (exec* ENOSYS, wait* ECHILD, dlopen NULL with a dlerror message,
 * sigaction with a handler ENOTSUP; ignore and default are kept and
 * reported back), and the facts of the machine (sysconf, getpagesize,
 * gethostname).
 */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glue.h"

#define HOSTNAME "rumpxen"
#define PAGE_SIZE 4096
#define OPEN_MAX_FDS 1024

/* Each signal's disposition: SIG_DFL or SIG_IGN. */
static _sig_func_ptr dispositions[NSIG];

int
execv(const char *path, char *const argv[])
{
    (void)path;
    (void)argv;
    return glue_fail(ENOSYS);
}

int
execvp(const char *file, char *const argv[])
{
    return execv(file, argv);
}

int
execvpe(const char *file, char *const argv[], char *const envp[])
{
    (void)envp;
    return execv(file, argv);
}

int
execl(const char *path, const char *arg, ...)
{
    (void)arg;
    return execv(path, NULL);
}

int
execlp(const char *file, const char *arg, ...)
{
    (void)arg;
    return execv(file, NULL);
}

int
execle(const char *path, const char *arg, ...)
{
    (void)arg;
    return execv(path, NULL);
}

pid_t
waitpid(pid_t pid, int *status, int options)
{
    (void)pid;
    (void)status;
    (void)options;
    return glue_fail(ECHILD);
}

int
sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (sig <= 0 || sig >= NSIG ||
        (act != NULL && (sig == SIGKILL || sig == SIGSTOP)))
        return glue_fail(EINVAL);
    if (act != NULL && act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN)
        return glue_fail(ENOTSUP);
    if (old != NULL) {
        memset(old, 0, sizeof(*old));
        old->sa_handler = dispositions[sig];
    }
    if (act != NULL)
        dispositions[sig] = act->sa_handler;
    return 0;
}

/* No signal is ever delivered: every mask is as good as any. */
int
sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how;
    (void)set;
    if (old != NULL)
        sigemptyset(old);
    return 0;
}

int
pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    sigprocmask(how, set, old);
    return 0;
}

static const char *dl_error;

void *
dlopen(const char *path, int mode)
{
    (void)path;
    (void)mode;
    dl_error = "dlopen: not supported (a rumpxen guest is one static image)";
    return NULL;
}

void *
dlsym(void *handle, const char *name)
{
    (void)handle;
    (void)name;
    dl_error = "dlsym: not supported (a rumpxen guest is one static image)";
    return NULL;
}

int
dlclose(void *handle)
{
    (void)handle;
    return 0;
}

/* The last error once, then NULL, as POSIX says. */
char *
dlerror(void)
{
    const char *e = dl_error;

    dl_error = NULL;
    return (char *)e;
}

long
sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return PAGE_SIZE;
    case _SC_OPEN_MAX:
        return OPEN_MAX_FDS;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    case _SC_CLK_TCK:
        return 100;
    default:
        return glue_fail(EINVAL);
    }
}

int
getpagesize(void)
{
    return PAGE_SIZE;
}

int
gethostname(char *name, size_t len)
{
    if (len < sizeof(HOSTNAME))
        return glue_fail(ENAMETOOLONG);
    memcpy(name, HOSTNAME, sizeof(HOSTNAME));
    return 0;
}
