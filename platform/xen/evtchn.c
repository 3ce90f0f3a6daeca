/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels, 2-level ABI. Upcalls are never taken: events stay masked
 * for delivery (PV: evtchn_upcall_mask set; PVH: no callback vector), so no
 * code is ever interrupted. The scheduler calls evtchn_dispatch() when a
 * thread blocks or yields and evtchn_block() when nothing can run;
 * SCHEDOP_poll sleeps until one of our bound ports is pending.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>

#include "barrier_priv.h"
#include "evtchn_priv.h"
#include "xen_hypercall_priv.h"
#include "platform_priv.h"

/* Ports we track; Xen hands out low numbers first. */
#define EVTCHN_MAX 1024
/* SCHEDOP_poll takes at most 128 ports (Xen's limit). */
#define POLL_MAX 128

struct handler {
    evtchn_handler_fn *fn;
    void *arg;
};

static struct handler handlers[EVTCHN_MAX];
static evtchn_port_t poll_ports[POLL_MAX];
static unsigned int npoll;

static inline xen_ulong_t
xchg_word(xen_ulong_t *p, xen_ulong_t v)
{
    __asm__ volatile("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
    return v;
}

static inline void
set_bit_atomic(unsigned int bit, xen_ulong_t *words)
{
    __asm__ volatile("lock btsq %1, %0"
                     : "+m"(words[bit / 64])
                     : "r"((uint64_t)(bit % 64))
                     : "memory");
}

/* Atomic: Xen sets bits in these words concurrently. */
static inline int
test_and_clear_bit(unsigned int bit, xen_ulong_t *words)
{
    unsigned char old;

    __asm__ volatile("lock btrq %2, %0\n\tsetc %1"
                     : "+m"(words[bit / 64]), "=q"(old)
                     : "r"((uint64_t)(bit % 64))
                     : "memory", "cc");
    return old;
}

int
evtchn_test_and_clear(evtchn_port_t port)
{
    return test_and_clear_bit(port, boot_state.shared_info->evtchn_pending);
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

void
evtchn_block(void)
{
    const xen_ulong_t *mask = boot_state.shared_info->evtchn_mask;
    evtchn_port_t ports[POLL_MAX];
    struct sched_poll poll = { .timeout = 0 };

    /* A masked port may stay pending: polling it would never sleep. */
    for (unsigned int i = 0; i < npoll; i++)
        if (!(mask[poll_ports[i] / 64] & (1UL << (poll_ports[i] % 64))))
            ports[poll.nr_ports++] = poll_ports[i];
    if (poll.nr_ports == 0)
        return;
    set_xen_guest_handle(poll.ports, ports);
    (void)hypercall__sched_op(SCHEDOP_poll, &poll);
}

int
evtchn_dispatch(void)
{
    struct shared_info *s = boot_state.shared_info;
    struct vcpu_info *v = &s->vcpu_info[0];
    xen_ulong_t sel;
    int ran = 0;

    /*
     * xen.h's 2-level rule: clear evtchn_upcall_pending, then take the
     * selector word, then the pending words it names, masking each with
     * evtchn_mask. Xen sets them in the opposite order.
     */
    v->evtchn_upcall_pending = 0;
    mb();
    sel = xchg_word(&v->evtchn_pending_sel, 0);
    while (sel) {
        unsigned int w = (unsigned int)__builtin_ctzl(sel);
        xen_ulong_t bits;

        sel &= sel - 1;
        bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];
        while (bits) {
            unsigned int b = (unsigned int)__builtin_ctzl(bits);
            evtchn_port_t port = w * 64 + b;

            bits &= bits - 1;
            (void)test_and_clear_bit(port, s->evtchn_pending);
            if (port < EVTCHN_MAX && handlers[port].fn) {
                handlers[port].fn(port, handlers[port].arg);
                ran++;
            }
        }
    }
    return ran;
}

static int
track(evtchn_port_t port, evtchn_handler_fn *fn, void *arg)
{
    if (port >= EVTCHN_MAX)
        return -RX_ENOSPC;
    if (handlers[port].fn == NULL) {
        if (npoll == POLL_MAX)
            return -RX_ENOSPC;
        poll_ports[npoll++] = port;
    }
    handlers[port] = (struct handler){ fn, arg };
    evtchn_unmask(port);
    return 0;
}

static void
untrack(evtchn_port_t port)
{
    if (port >= EVTCHN_MAX || handlers[port].fn == NULL)
        return;
    handlers[port] = (struct handler){ 0 };
    for (unsigned int i = 0; i < npoll; i++) {
        if (poll_ports[i] == port) {
            poll_ports[i] = poll_ports[--npoll];
            break;
        }
    }
}

int
evtchn_set_handler(evtchn_port_t port, evtchn_handler_fn *fn, void *arg)
{
    if (fn == NULL) {
        untrack(port);
        return 0;
    }
    return track(port, fn, arg);
}

/* Binds the new port, or closes it again if we can not track it. */
static int
bind_new(long rc, evtchn_port_t port, evtchn_handler_fn *fn, void *arg,
         evtchn_port_t *out)
{
    int err;

    if (rc < 0)
        return xen_errno(rc);
    err = track(port, fn, arg);
    if (err < 0) {
        struct evtchn_close c = { .port = port };

        (void)hypercall__event_channel_op(EVTCHNOP_close, &c);
        return err;
    }
    *out = port;
    return 0;
}

int
evtchn_bind_virq(unsigned int virq, evtchn_handler_fn *fn, void *arg,
                 evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
    long rc = hypercall__event_channel_op(EVTCHNOP_bind_virq, &op);

    return bind_new(rc, op.port, fn, arg, port);
}

int
evtchn_alloc_unbound(uint16_t remote, evtchn_handler_fn *fn, void *arg,
                     evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = {
        .dom = DOMID_SELF,
        .remote_dom = remote,
    };
    long rc = hypercall__event_channel_op(EVTCHNOP_alloc_unbound, &op);

    return bind_new(rc, op.port, fn, arg, port);
}

int
evtchn_bind_interdomain(uint16_t remote, evtchn_port_t remote_port,
                        evtchn_handler_fn *fn, void *arg, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = {
        .remote_dom = remote,
        .remote_port = remote_port,
    };
    long rc = hypercall__event_channel_op(EVTCHNOP_bind_interdomain, &op);

    return bind_new(rc, op.local_port, fn, arg, port);
}

int
evtchn_notify(evtchn_port_t port)
{
    long rc = evtchn_send_op(port);

    return rc < 0 ? xen_errno(rc) : 0;
}

void
evtchn_mask(evtchn_port_t port)
{
    set_bit_atomic(port, boot_state.shared_info->evtchn_mask);
}

void
evtchn_unmask(evtchn_port_t port)
{
    struct shared_info *s = boot_state.shared_info;

    (void)test_and_clear_bit(port, s->evtchn_mask);
    /*
     * An event that arrived while masked left its pending bit without a
     * selector bit: raise the selector so the next dispatch sees it.
     */
    mb();
    if (s->evtchn_pending[port / 64] & (1UL << (port % 64))) {
        set_bit_atomic(port / 64, &s->vcpu_info[0].evtchn_pending_sel);
        s->vcpu_info[0].evtchn_upcall_pending = 1;
    }
}

int
evtchn_close(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };
    long rc;

    untrack(port);
    evtchn_mask(port);
    rc = hypercall__event_channel_op(EVTCHNOP_close, &c);
    (void)evtchn_test_and_clear(port);
    return rc < 0 ? xen_errno(rc) : 0;
}
