/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Requests from the toolstack: `xl shutdown` (and `xl reboot`) write
 * control/shutdown in the guest's home and wait for the guest to clear it.
 * A thread watches the key; on "poweroff", "halt" or "reboot" it clears it
 * (the acknowledgement) and ends the guest through platform_exit(), so the
 * layers above run their exit stages (streams flushed, file systems synced
 * and unmounted), with status PLATFORM_EXIT_STOPPED. A unikernel does not
 * restart itself: "reboot" powers off like "poweroff" (start the guest
 * again to restart it). "suspend" is not supported: said once on the
 * console and left unanswered, so the toolstack gives up on it. Other values
 * are ignored. Cooperative threads: a thread that never blocks keeps this
 * one from running, and only `xl destroy` ends such a guest.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/xs.h>

#define CONTROL_KEY "control/shutdown"
/* Only waits on xenstore and starts the thread that ends the guest. */
#define CONTROL_STACK_SIZE (16 * 1024)

static struct xs_watch watch;

/* The exit runs on a thread of its own with main's stack size: the exit
 * stages call into the layers above (the rump kernel's file systems). */
static void
stop_thread(void *arg)
{
    (void)arg;
    platform_exit(PLATFORM_EXIT_STOPPED);
}

static void
stop(const char *request)
{
    int err;

    console_printf("rumpxen: the toolstack asks for %s: stopping the guest "
                   "(exit status %d)\n",
                   request, PLATFORM_EXIT_STOPPED);
    if (sched_create("stop", stop_thread, NULL, SCHED_MAIN_STACK_SIZE, 0,
                     &err) == NULL) {
        console_printf("rumpxen: no memory for the exit (%d): halting\n", err);
        platform_halt(PLATFORM_EXIT_STOPPED);
    }
}

/* Handles the key's current value; returns whether the guest is stopping. */
static int
handle_request(void)
{
    static int suspend_said;
    char req[16];
    int n = xs_read(XS_TX_NONE, CONTROL_KEY, req, sizeof(req));

    if (n <= 0) /* gone, empty (our own acknowledgement) or too long */
        return 0;
    if (strcmp(req, "poweroff") != 0 && strcmp(req, "halt") != 0 &&
        strcmp(req, "reboot") != 0) {
        if (strcmp(req, "suspend") == 0 && !suspend_said) {
            suspend_said = 1;
            console_printf("rumpxen: the toolstack asks for suspend, which "
                           "rumpxen guests do not support\n");
        }
        return 0;
    }
    if (xs_write(XS_TX_NONE, CONTROL_KEY, "") < 0)
        console_printf("rumpxen: could not acknowledge %s\n", req);
    stop(req);
    return 1;
}

static void
control_thread(void *arg)
{
    char path[64];

    (void)arg;
    for (;;) {
        if (xs_watch_wait(&watch, path, sizeof(path), 0) == 0 &&
            handle_request())
            break;
    }
    (void)xs_watch_remove(&watch, CONTROL_KEY);
}

/*
 * Says which requests the guest answers (the toolstack looks for these
 * features) and starts watching. A guest without the watch still runs;
 * only a stop request then goes unanswered.
 */
static int
control_init(void)
{
    int rc, err;

    (void)xs_write(XS_TX_NONE, "control/feature-poweroff", "1");
    (void)xs_write(XS_TX_NONE, "control/feature-reboot", "1");
    if ((rc = xs_watch_add(&watch, CONTROL_KEY)) < 0) {
        console_printf("rumpxen: no watch on %s (%d): xl shutdown will go "
                       "unanswered\n",
                       CONTROL_KEY, rc);
        return 0;
    }
    if (sched_create("control", control_thread, NULL, CONTROL_STACK_SIZE, 0,
                     &err) == NULL) {
        console_printf("rumpxen: no thread to watch %s (%d): xl shutdown "
                       "will go unanswered\n",
                       CONTROL_KEY, err);
        (void)xs_watch_remove(&watch, CONTROL_KEY);
    }
    return 0;
}
BOOT_STAGE(BOOT_STAGE_CONTROL, "toolstack control", control_init);
