/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels (2-level ABI). A handler is bound per port and runs in
 * thread context, from the scheduler, when the port is found pending: it
 * must not block (typically it wakes a waitq). All calls return 0 or a
 * negative RX_ errno.
 */
#ifndef RUMPXEN_EVTCHN_H
#define RUMPXEN_EVTCHN_H

#include <stdint.h>

typedef uint32_t evtchn_port_t;
typedef void evtchn_handler_fn(evtchn_port_t port, void *arg);

int evtchn_bind_virq(unsigned int virq, evtchn_handler_fn *fn, void *arg,
                     evtchn_port_t *port);
/* A port that domain remote can bind to (frontend rings). */
int evtchn_alloc_unbound(uint16_t remote, evtchn_handler_fn *fn, void *arg,
                         evtchn_port_t *port);
int evtchn_bind_interdomain(uint16_t remote, evtchn_port_t remote_port,
                            evtchn_handler_fn *fn, void *arg,
                            evtchn_port_t *port);
/* Sets the handler of an already-bound port (console, xenstore). */
int evtchn_set_handler(evtchn_port_t port, evtchn_handler_fn *fn, void *arg);
int evtchn_notify(evtchn_port_t port);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask(evtchn_port_t port);
int evtchn_close(evtchn_port_t port);

#endif
