/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private event-channel entry points for the scheduler and early boot.
 */
#ifndef PLATFORM_XEN_EVTCHN_H
#define PLATFORM_XEN_EVTCHN_H

#include <rumpxen/evtchn.h>

#include "xen_priv.h"

/* Clears the port's pending bit; returns whether it was set. */
int evtchn_test_and_clear(evtchn_port_t port);

/*
 * Blocks the vCPU until port is pending or the Xen system time reaches
 * deadline_ns (0: no deadline). May return early; does not clear the bit.
 * For code below the scheduler (console, early boot).
 */
void evtchn_poll(evtchn_port_t port, uint64_t deadline_ns);

/*
 * Runs the handlers of all pending, unmasked ports, clearing their bits.
 * Returns how many handlers ran. Thread context only (the scheduler).
 */
int evtchn_dispatch(void);

/* Blocks the vCPU until any bound port is pending (SCHEDOP_poll). */
void evtchn_block(void);

#endif
