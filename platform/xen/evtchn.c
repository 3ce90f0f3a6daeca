/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels, 2-level ABI. Upcalls are never taken: events stay masked
 * for delivery (evtchn_upcall_mask set), and pending bits are consumed by
 * whoever waits for them (SCHEDOP_poll blocks until one is pending).
 */
#include <rumpxen/errno.h>

#include "hypercall.h"
#include "internal.h"
#include "evtchn.h"

int
evtchn_test_and_clear(evtchn_port_t port)
{
    xen_ulong_t *word = &boot_state.shared_info->evtchn_pending[port / 64];
    unsigned char old;

    /* Atomic: Xen sets bits in this word concurrently. */
    __asm__ volatile("lock btrq %2, %0\n\tsetc %1"
                     : "+m"(*word), "=q"(old)
                     : "r"((uint64_t)(port % 64))
                     : "memory", "cc");
    return old;
}

void
evtchn_poll(evtchn_port_t port, uint64_t deadline_ns)
{
    struct sched_poll poll = {
        .nr_ports = 1,
        .timeout = deadline_ns,
    };

    set_xen_guest_handle(poll.ports, &port);
    /*
     * Returns when the port is pending, at the deadline (Xen system time,
     * 0 = none), or early for any other event; callers re-check their
     * condition, so an error here only costs a spin.
     */
    (void)hypercall__sched_op(SCHEDOP_poll, &poll);
}

int
evtchn_notify(evtchn_port_t port)
{
    long rc = evtchn_send_op(port);

    return rc < 0 ? xen_errno(rc) : 0;
}
