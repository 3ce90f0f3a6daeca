/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: an event handler that blocks must panic with a clear message
 * ("... called from an event handler; handlers can not block"), not
 * corrupt the run and wait queues. A loopback channel (two ports of this
 * domain) delivers one event, whose handler calls the blocking function
 * named on the command line: yield, sleep or wait.
 */
#include <rumpxen/console.h>
#include <rumpxen/evtchn.h>
#include <rumpxen/lib.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#define DOMID_SELF 0x7ff0

static const char *mode;
static struct waitq never;

static void
handler(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
    console_printf("evblock: handler calls %s\n", mode);
    if (strcmp(mode, "yield") == 0)
        sched_thread_yield();
    else if (strcmp(mode, "sleep") == 0)
        sched_sleep_until(time_now_ns() + 1000000);
    else
        (void)waitq_wait(&never, 0);
    console_printf("evblock: the handler came back, which is wrong\n");
}

static void
ignore(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
}

int
main(int argc, char **argv)
{
    evtchn_port_t a, b;
    int rc;

    mode = argc == 2 ? argv[1] : "";
    if (strcmp(mode, "yield") && strcmp(mode, "sleep") &&
        strcmp(mode, "wait")) {
        console_printf("evblock: usage: evblock yield|sleep|wait\n");
        return 2;
    }
    rc = evtchn_alloc_unbound(DOMID_SELF, handler, NULL, &a);
    if (rc == 0)
        rc = evtchn_bind_interdomain(DOMID_SELF, a, ignore, NULL, &b);
    if (rc != 0) {
        console_printf("evblock: no loopback channel (%d)\n", rc);
        return 2;
    }
    rc = evtchn_notify(b);
    console_printf("evblock: notified port %u (%d)\n", a, rc);
    for (int i = 0; i < 10; i++)
        sched_thread_yield();
    console_printf("evblock: no panic, which is wrong\n");
    return 1;
}
