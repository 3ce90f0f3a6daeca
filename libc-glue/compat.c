/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Small POSIX calls that ordinary programs link against and a single-process
 * guest serves trivially: stdio stream locks, popen (no processes) and the
 * split-stack hook for alloca.
 */
#include <errno.h>
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
