/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: raw Xen hypercalls through the hypercall page, as inline functions
 * `hypercall__<op>()` returning Xen's result (0 or a negative Xen errno), and a
 * few typed helpers. The page is filled by Xen (PV, from the HYPERCALL_PAGE
 * note) or by us through the CPUID-advertised MSR (PVH, see boot.c).
 */
#ifndef PLATFORM_XEN_HYPERCALL_H
#define PLATFORM_XEN_HYPERCALL_H

#include "xen_priv.h"

/* 32 bytes per hypercall, in the page that the linker script places. */
extern char hypercall_page[4096];

/*
 * x86_64 hypercall ABI: op selects the entry in the page; arguments in
 * rdi, rsi, rdx, r10, r8; result in rax. Xen may clobber the argument
 * registers (debug builds poison them) and, for PV, rcx and r11.
 */
static inline long
hypercall__2(unsigned int op, unsigned long a1, unsigned long a2)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    long rax;

    __asm__ volatile("call *%[entry]"
                     : "=a"(rax), "+r"(rdi), "+r"(rsi)
                     : [entry] "r"(hypercall_page + op * 32)
                     : "rcx", "r11", "rdx", "r10", "r8", "memory");
    return rax;
}

static inline long
hypercall__3(unsigned int op, unsigned long a1, unsigned long a2,
             unsigned long a3)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    register unsigned long rdx __asm__("rdx") = a3;
    long rax;

    __asm__ volatile("call *%[entry]"
                     : "=a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx)
                     : [entry] "r"(hypercall_page + op * 32)
                     : "rcx", "r11", "r10", "r8", "memory");
    return rax;
}

static inline long
hypercall__4(unsigned int op, unsigned long a1, unsigned long a2,
             unsigned long a3, unsigned long a4)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    register unsigned long rdx __asm__("rdx") = a3;
    register unsigned long r10 __asm__("r10") = a4;
    long rax;

    __asm__ volatile("call *%[entry]"
                     : "=a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10)
                     : [entry] "r"(hypercall_page + op * 32)
                     : "rcx", "r11", "r8", "memory");
    return rax;
}

static inline long
hypercall__sched_op(int cmd, void *arg)
{
    return hypercall__2(__HYPERVISOR_sched_op, (unsigned long)cmd,
                        (unsigned long)arg);
}

static inline long
hypercall__event_channel_op(int cmd, void *arg)
{
    return hypercall__2(__HYPERVISOR_event_channel_op, (unsigned long)cmd,
                        (unsigned long)arg);
}

static inline long
hypercall__memory_op(int cmd, void *arg)
{
    return hypercall__2(__HYPERVISOR_memory_op, (unsigned long)cmd,
                        (unsigned long)arg);
}

static inline long
hypercall__hvm_op(int cmd, void *arg)
{
    return hypercall__2(__HYPERVISOR_hvm_op, (unsigned long)cmd,
                        (unsigned long)arg);
}

static inline long
hypercall__vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return hypercall__3(__HYPERVISOR_vcpu_op, (unsigned long)cmd, vcpu,
                        (unsigned long)arg);
}

static inline long
hypercall__grant_table_op(int cmd, void *arg, unsigned int count)
{
    return hypercall__3(__HYPERVISOR_grant_table_op, (unsigned long)cmd,
                        (unsigned long)arg, count);
}

static inline long
hypercall__set_trap_table(const struct trap_info *table)
{
    return hypercall__2(__HYPERVISOR_set_trap_table, (unsigned long)table, 0);
}

static inline long
hypercall__update_va_mapping(unsigned long va, uint64_t pte,
                             unsigned long flags)
{
    return hypercall__3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long
hypercall__mmu_update(struct mmu_update *req, unsigned int count,
                      unsigned int *done, domid_t dom)
{
    return hypercall__4(__HYPERVISOR_mmu_update, (unsigned long)req, count,
                        (unsigned long)done, dom);
}

static inline long
hypercall__mmuext_op(struct mmuext_op *op, unsigned int count,
                     unsigned int *done, domid_t dom)
{
    return hypercall__4(__HYPERVISOR_mmuext_op, (unsigned long)op, count,
                        (unsigned long)done, dom);
}

static inline long
hypercall__set_segment_base(unsigned int which, unsigned long base)
{
    return hypercall__2(__HYPERVISOR_set_segment_base, which, base);
}

static inline long
hypercall__stack_switch(unsigned long ss, unsigned long sp)
{
    return hypercall__2(__HYPERVISOR_stack_switch, ss, sp);
}

/* Typed helpers: Xen argument structs built with designated initializers. */

static inline long
hvm_get_param(unsigned int index, uint64_t *value)
{
    struct xen_hvm_param p = {
        .domid = DOMID_SELF,
        .index = index,
    };
    long rc = hypercall__hvm_op(HVMOP_get_param, &p);

    if (rc == 0)
        *value = p.value;
    return rc;
}

static inline long
sched_shutdown_op(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    return hypercall__sched_op(SCHEDOP_shutdown, &s);
}

static inline long
evtchn_send_op(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return hypercall__event_channel_op(EVTCHNOP_send, &s);
}

#endif
