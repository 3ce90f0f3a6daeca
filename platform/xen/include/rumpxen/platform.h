/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the platform tells the layers above about the boot, and how a guest
 * ends: with an exit status that reaches the host, or as crashed.
 */
#ifndef RUMPXEN_PLATFORM_H
#define RUMPXEN_PLATFORM_H

#include <stdint.h>

enum boot_type {
    BOOT_PV,
    BOOT_PVH,
};

/* Filled once during early boot; read-only afterwards. */
struct boot_info {
    enum boot_type type;
    const char *cmdline;  /* the domain's command line, never NULL */
    uint64_t mem_bytes;   /* RAM given to the domain */
};

extern const struct boot_info *boot_info;

/* "pv" or "pvh". */
const char *boot_type_name(void);

/*
 * Ends the guest with an exit status: records it in xenstore as
 * data/exit-status (where the host's runner reads it), drains the console
 * and shuts the domain down with reason poweroff. Never returns.
 */
void platform_exit(int status) __attribute__((noreturn));

/*
 * Sets the function platform_exit() calls first, once, with the status
 * (the C library flushes its streams there). Later calls replace it; NULL
 * removes it. Call before main (a constructor).
 */
void platform_set_exit_hook(void (*hook)(int status));

/*
 * Prints "panic: <message>", where it was called from and a backtrace,
 * then shuts the domain down as crashed. Never returns.
 */
void panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* Prints a symbolised backtrace starting at the frame pointer fp. */
void backtrace_print(uintptr_t fp);

/*
 * Finds the symbol containing addr. Returns its name and sets *off to the
 * offset within it, or returns NULL when addr is outside the image's text.
 */
const char *ksym_lookup(uintptr_t addr, uintptr_t *off);

/*
 * Boot stages: the layers above the platform (the rump kernel, devices, the
 * network configuration) come up at fixed steps of the boot order, on the
 * thread "main", after the platform's own services and constructors and
 * before main(). BOOT_STAGE(order, "name", fn) registers int fn(void),
 * which returns 0 or a negative errno; a failing stage is fatal (a panic
 * naming it). Stages of one order run in link order.
 */
#define BOOT_STAGE_CONFIG 10
#define BOOT_STAGE_RUMPKERNEL 20
#define BOOT_STAGE_DEVICES 30
#define BOOT_STAGE_NETCONFIG 40

struct boot_stage {
    const char *name;
    int (*fn)(void);
};

#define BOOT_STAGE_SECTION_(order) ".boot_stage." #order
#define BOOT_STAGE_SECTION(order) BOOT_STAGE_SECTION_(order)
#define BOOT_STAGE(order, name, fn)                                           \
    static const struct boot_stage boot_stage_##fn                            \
        __attribute__((used, aligned(16),                                     \
                       section(BOOT_STAGE_SECTION(order)))) = { name, fn }

/* The application's entry point, called after the platform is up. */
int main(int argc, char **argv);

#endif
