/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Built only when RUMP_DIR is set, never linked: includes the installed
 * rump/rumpuser.h and then our rumpuser_if.h, so every prototype and
 * constant is compared by the compiler (a mismatch is "conflicting types"
 * or a macro redefinition, both errors here), and checks that the types
 * we mirror have the installed layout and values.
 */
#include <stddef.h>
#include <stdint.h>

/* What the installed header expects from its includer (rumpuser(3)). */
#define LIBRUMPUSER
typedef int pid_t;
#define __dead __attribute__((__noreturn__))
#define __printflike(a, b) __attribute__((__format__(__printf__, a, b)))

#include <rump/rumpuser.h>

#include "rumpuser_if.h"

#define SAME_FIELD(ours, theirs, f)                                            \
    _Static_assert(offsetof(struct ours, f) == offsetof(struct theirs, f) &&   \
                       __builtin_types_compatible_p(                           \
                           __typeof__(((struct ours *)0)->f),                  \
                           __typeof__(((struct theirs *)0)->f)),               \
                   "field " #f " of struct " #theirs)

#define HYPERUP_FIELD(f)                                                       \
    SAME_FIELD(rumpxen_mirror_rumpuser_hyperup, rumpuser_hyperup, f)

HYPERUP_FIELD(hyp_schedule);
HYPERUP_FIELD(hyp_unschedule);
HYPERUP_FIELD(hyp_backend_unschedule);
HYPERUP_FIELD(hyp_backend_schedule);
HYPERUP_FIELD(hyp_lwproc_switch);
HYPERUP_FIELD(hyp_lwproc_release);
HYPERUP_FIELD(hyp_lwproc_rfork);
HYPERUP_FIELD(hyp_lwproc_newlwp);
HYPERUP_FIELD(hyp_lwproc_curlwp);
HYPERUP_FIELD(hyp_syscall);
HYPERUP_FIELD(hyp_lwpexit);
HYPERUP_FIELD(hyp_execnotify);
HYPERUP_FIELD(hyp_getpid);
HYPERUP_FIELD(hyp__extra);
_Static_assert(sizeof(struct rumpxen_mirror_rumpuser_hyperup) ==
                   sizeof(struct rumpuser_hyperup),
               "size of struct rumpuser_hyperup");

SAME_FIELD(rumpxen_mirror_rumpuser_iovec, rumpuser_iovec, iov_base);
SAME_FIELD(rumpxen_mirror_rumpuser_iovec, rumpuser_iovec, iov_len);
_Static_assert(sizeof(struct rumpxen_mirror_rumpuser_iovec) ==
                   sizeof(struct rumpuser_iovec),
               "size of struct rumpuser_iovec");

#define SAME_VALUE(name)                                                       \
    _Static_assert((int)rumpxen_mirror_##name == (int)name, #name)

SAME_VALUE(RUMPUSER_CLOCK_RELWALL);
SAME_VALUE(RUMPUSER_CLOCK_ABSMONO);
SAME_VALUE(RUMPUSER_LWP_CREATE);
SAME_VALUE(RUMPUSER_LWP_DESTROY);
SAME_VALUE(RUMPUSER_LWP_SET);
SAME_VALUE(RUMPUSER_LWP_CLEAR);
SAME_VALUE(RUMPUSER_RW_READER);
SAME_VALUE(RUMPUSER_RW_WRITER);
_Static_assert(sizeof(enum rumpxen_mirror_rumpclock) == sizeof(enum rumpclock),
               "size of enum rumpclock");
_Static_assert(__builtin_types_compatible_p(rumpuser_pid_t, pid_t),
               "pid_t");
