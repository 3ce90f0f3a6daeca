/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rumpxen side of the rump kernel benchmark workload: the platform's
 * clock, console and cooperative threads; rump_init ran during boot.
 */
#include "rumpwork.h"

#include <stdarg.h>

#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

uint64_t
rw_now_ns(void)
{
    return time_now_ns();
}

void
rw_puts(const char *line)
{
    console_printf("%s\n", line);
}

int
rw_fmt(char *buf, unsigned long size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int
rw_errno(void)
{
    return hypercall_errno();
}

int
rw_run_threads(int n, void (*fn)(void *), void *const *args)
{
    struct thread *t[16];
    int err, rc = 0;

    if (n > 16)
        return -1;
    for (int i = 0; i < n; i++) {
        t[i] = sched_create("rumpwork", fn, args[i], 0, SCHED_JOINABLE, &err);
        if (t[i] == NULL)
            rc = -1;
    }
    for (int i = 0; i < n; i++)
        if (t[i])
            (void)sched_join(t[i]);
    return rc;
}

uint64_t
rw_rump_init_ns(void)
{
    return rumpkernel_init_ns();
}

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return rumpwork_run("rumpxen");
}
