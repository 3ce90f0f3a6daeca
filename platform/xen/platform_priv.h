/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to platform/xen: state found at boot (bootinfo.c), the
 * subsystems' internal entry points and crash.c's. Layers above see only
 * include/rumpxen/.
 */
#ifndef PLATFORM_XEN_PLATFORM_PRIV_H
#define PLATFORM_XEN_PLATFORM_PRIV_H

#include <rumpxen/platform.h>

#include "xen_priv.h"

/* Everything early boot learns from Xen, whichever entry ran. */
struct boot_state {
    struct boot_info info;
    struct shared_info *shared_info;
    void *console_ring;
    evtchn_port_t console_port;
    void *store_ring;
    evtchn_port_t store_port;
    const struct start_info *pv_start_info; /* PV only */
    /* PVH only; NULL once mm_init has read it (its pages are reused). */
    const struct hvm_start_info *pvh_start_info;
    uintptr_t mapped_top; /* [0, mapped_top) is mapped (maybe not page 0) */
    int verbose; /* RUMPXEN_VERBOSE=1 on the command line: boot details */
};

extern struct boot_state boot_state;

static inline int
boot_is_pv(void)
{
    return boot_state.info.type == BOOT_PV;
}

/* Boot-order initialisers. */
void console_init(void *ring, evtchn_port_t port);
void traps_init(void);
/* PVH only: loads the %fs base (arch/x86_64/traps.c). */
void cpu_set_fs_base(uint64_t base);
void sched_init(void);
/* Maps all RAM (W^X) and sets up the allocators of mm.h. Panics on failure. */
void mm_init(void);
void xs_init(void);
void gnttab_init(void);

/*
 * Starts the thread "main" running fn(arg) on a guarded stack of
 * SCHED_MAIN_STACK_SIZE bytes and leaves the boot stack for good. fn must
 * not return: it ends the guest. Call once, after sched_init().
 */
void sched_start(void (*fn)(void *), void *arg) __attribute__((noreturn));

/* --- crash.c: how a guest ends badly (panic() is in platform.h) --- */

/*
 * A thread's stack, for reports naming it: sched.c points
 * crash_stack_current at the running thread's (NULL: the boot context).
 */
struct crash_stack {
    uintptr_t guard;         /* the unmapped page below bottom; 0: none */
    uintptr_t bottom, top;   /* the usable stack */
    const char *name;
};
extern const struct crash_stack *crash_stack_current;

/* Installs the split-stack overflow report (arch/x86_64/morestack.S). */
void crash_init(void);

/*
 * Reports a stack overflow of s ("how" it was seen; sp where, ret the
 * return address into the function that stopped or 0, fp the frame to
 * walk) on the crash stack, then crashes. Any context.
 */
void crash_stack_overflow(const struct crash_stack *s, uintptr_t sp,
                          uintptr_t ret, uintptr_t fp, const char *how)
    __attribute__((noreturn));

/* Prints "0x<addr> <symbol+off>" and a newline. */
void crash_print_symbol(uintptr_t addr);

/* Shuts the domain down as crashed after draining the console. */
void platform_crash(void) __attribute__((noreturn));

/* --- bootinfo.c --- */

/* Maps a negative Xen errno (a hypercall result) to a negative RX_ errno. */
int xen_errno(long rc);

/* Port I/O, for PVH early output. */
static inline void
outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

#endif
