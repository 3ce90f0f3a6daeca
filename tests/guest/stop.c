/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: waits, sleeping, for the toolstack to stop it. The runner
 * (xenrun shutdown_on=) runs `xl shutdown` once "stop: waiting" shows; the
 * guest must then end by itself with PLATFORM_EXIT_STOPPED, its exit
 * stages run, never by the runner's timeout.
 */
#include <rumpxen/console.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

static int stages_run;

static void
note_exit(int status)
{
    stages_run++;
    console_printf("stop: exit stage ran with status %d (%d time%s)\n",
                   status, stages_run, stages_run == 1 ? "" : "s");
}
EXIT_STAGE(50, "stop test", note_exit);

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    console_printf("stop: waiting for the toolstack\n");
    for (;;)
        sched_sleep_until(time_now_ns() + 1000000000ull);
}
