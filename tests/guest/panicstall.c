/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: a panic while the console backend takes no more output ends
 * the domain as crashed within seconds instead of hanging. The guest
 * closes its console event channel (xenconsoled never hears from it
 * again), fills the console ring to a few bytes from full, then panics.
 */
#include <rumpxen/console.h>
#include <rumpxen/evtchn.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/xs.h>

/* 40 lines of 51 bytes on the ring ("\n" becomes "\r\n"): 2040 of 2048. */
#define FILL_LINES 40

int
main(int argc, char **argv)
{
    char buf[16];
    long port;

    (void)argc;
    (void)argv;
    if (xs_read(XS_TX_NONE, "console/port", buf, sizeof(buf)) < 0 ||
        fmt_parse_long(buf, 1, 1 << 17, &port) < 0) {
        console_printf("panicstall: no console/port in xenstore\n");
        return 2;
    }
    console_printf("panicstall: closing console port %ld\n", port);
    if (console_flush(5000) < 0 || evtchn_close((evtchn_port_t)port) < 0)
        return 2;
    for (int i = 0; i < FILL_LINES; i++)
        console_printf("panicstall: filler %02d ...........................\n",
                       i);
    panic("panicstall: the console backend is gone");
}
