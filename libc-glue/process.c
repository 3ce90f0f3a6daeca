/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Process calls of a single-process guest: one process (pid 1, uid 0);
 * fork, exec and wait can not exist and fail with ENOSYS; _exit ends the
 * domain. Also the end of a C program: stdout and stderr are flushed
 * whether main returns or the program calls exit; and its environment,
 * the guest configuration's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include <rumpxen/config.h>
#include <rumpxen/platform.h>

#include "glue.h"

int
getpid(void)
{
    return 1;
}

uid_t
getuid(void)
{
    return 0;
}

uid_t
geteuid(void)
{
    return 0;
}

gid_t
getgid(void)
{
    return 0;
}

gid_t
getegid(void)
{
    return 0;
}

/* Signals to ourselves are not delivered; other pids do not exist. */
int
kill(int pid, int sig)
{
    (void)sig;
    return glue_fail(pid == 1 ? ENOSYS : ESRCH);
}

int
fork(void)
{
    return glue_fail(ENOSYS);
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
    (void)path;
    (void)argv;
    (void)envp;
    return glue_fail(ENOSYS);
}

int
wait(int *status)
{
    (void)status;
    return glue_fail(ECHILD);
}

void *
sbrk(ptrdiff_t incr)
{
    (void)incr;
    glue_fail(ENOMEM);
    return (void *)-1;
}

/* newlib's exit() ends here, after its atexit handlers and stdio cleanup. */
void
_exit(int status)
{
    platform_exit(status);
}

/* Runs in platform_exit(), also when main returns. */
static void
flush_stdio(int status)
{
    (void)status;
    fflush(stdout);
    fflush(stderr);
}

/* newlib's environment (getenv, setenv); no header of it declares it. */
extern char **environ;

static void __attribute__((constructor))
process_init(void)
{
    platform_set_exit_hook(flush_stdio);
    /* The guest configuration's variables (env.NAME=VALUE), loaded before
     * any constructor runs. */
    environ = config_environ();
}
