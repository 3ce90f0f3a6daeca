/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the rump kernel profile serves in process_rump.c, for the
 * platform-only profile: signal dispositions (only default and ignore;
 * nothing delivers signals), the signal mask (kept, blocks nothing) and
 * sysconf.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"

/* Descriptors per process: as libc-glue's fd_set (FD_SETSIZE). */
#define COMPAT_OPEN_MAX 256

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

long
sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return 4096;
    case _SC_OPEN_MAX:
        return COMPAT_OPEN_MAX;
    case _SC_CLK_TCK:
        return CLK_TCK;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    default:
        return glue_fail(EINVAL);
    }
}