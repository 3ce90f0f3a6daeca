/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's per-thread state: one struct _reent per platform thread (errno,
 * strtok's position, ...), made on the thread's first C library call. The
 * stdio streams are shared by all threads (newlib built with global stdio
 * streams).
 */
#include <errno.h>
#include <reent.h>

#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>

#include "glue.h"

/* The variable newlib's reentrant wrappers read after a system call. */
extern int glue_sys_errno __asm__("errno");

static __thread struct _reent *thread_reent;

/*
 * The calling thread's newlib state (newlib's hook, __DYNAMIC_REENT__).
 * Made from the platform's allocator, not malloc, since malloc reaches
 * here. Never returns NULL: without memory for it the guest panics.
 * TODO: a thread's state is not freed when the thread exits; pthreads
 * (which know when their thread ends) will free theirs.
 */
struct _reent *
__getreent(void)
{
    struct _reent *r = thread_reent;

    if (r != NULL)
        return r;
    r = mm_malloc(sizeof(*r), 0);
    if (r == NULL)
        panic("libc-glue: no memory for thread %s's C library state",
              sched_name(sched_current()));
    _REENT_INIT_PTR(r);
    thread_reent = r;
    return r;
}

int
glue_fail(int e)
{
    errno = e;
    glue_sys_errno = e;
    return -1;
}
