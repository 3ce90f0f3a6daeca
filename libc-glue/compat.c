/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Small POSIX calls that ordinary programs link against and a single-process
 * guest serves trivially: stdio stream locks, popen (no processes), signal
 * dispositions (only default and ignore; no signal is ever delivered), the
 * signal mask, and the split-stack hook for alloca.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rumpxen/platform.h>

#include "glue.h"

void
flockfile(FILE *fp)
{
    _flockfile(fp);
}

int
ftrylockfile(FILE *fp)
{
    _flockfile(fp);
    return 0;
}

void
funlockfile(FILE *fp)
{
    _funlockfile(fp);
}

/* popen needs a child process: ENOSYS, as fork. */
FILE *
popen(const char *command, const char *mode)
{
    (void)command;
    (void)mode;
    glue_fail(ENOSYS);
    return NULL;
}

int
pclose(FILE *fp)
{
    (void)fp;
    return glue_fail(ECHILD);
}

static struct sigaction compat_actions[NSIG];
static sigset_t compat_mask;

/*
 * Records SIG_DFL and SIG_IGN; a handler can never run (nothing delivers
 * signals here), so installing one fails with EINVAL and changes nothing.
 */
int
sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
    if (sig <= 0 || sig >= NSIG)
        return glue_fail(EINVAL);
    if (act != NULL && act->sa_handler != SIG_DFL &&
        act->sa_handler != SIG_IGN)
        return glue_fail(EINVAL);
    if (oact != NULL)
        *oact = compat_actions[sig];
    if (act != NULL)
        compat_actions[sig] = *act;
    return 0;
}

/* The mask is kept for the caller to read back; it blocks nothing. */
int
sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
    if (oset != NULL)
        *oset = compat_mask;
    if (set == NULL)
        return 0;
    switch (how) {
    case SIG_BLOCK:
        compat_mask |= *set;
        return 0;
    case SIG_UNBLOCK:
        compat_mask &= ~*set;
        return 0;
    case SIG_SETMASK:
        compat_mask = *set;
        return 0;
    default:
        return glue_fail(EINVAL);
    }
}

void *__morestack_allocate_stack_space(size_t size);

/*
 * Code built with -fsplit-stack (newlib, programs) calls this when an
 * alloca or a variable-length array would cross the thread's stack limit.
 * Stacks never grow here, so this is a stack overflow, as in __morestack.
 */
void *
__morestack_allocate_stack_space(size_t size)
{
    panic("stack overflow: alloca of %lu bytes past the thread's stack",
          (unsigned long)size);
}
