/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private event-channel primitives used before and below the scheduler.
 */
#ifndef PLATFORM_XEN_EVTCHN_H
#define PLATFORM_XEN_EVTCHN_H

#include "xen.h"

/* Clears the port's pending bit; returns whether it was set. */
int evtchn_test_and_clear(evtchn_port_t port);

/*
 * Blocks the vCPU until port is pending or the Xen system time reaches
 * deadline_ns (0: no deadline). May return early; does not clear the bit.
 */
void evtchn_poll(evtchn_port_t port, uint64_t deadline_ns);

/* Signals the other end of port. Returns 0 or a negative RX_ errno. */
int evtchn_notify(evtchn_port_t port);

#endif
