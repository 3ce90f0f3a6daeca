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
 * Ends the guest with an exit status: runs the exit stages (below) once,
 * in order, then platform_halt(status). Called again while the stages
 * run (a stage that itself exits), it goes on with the stages not yet
 * started; the first status is the one recorded. Never returns.
 */
void platform_exit(int status) __attribute__((noreturn));

/*
 * Ends the guest at once, without exit stages: records the exit status in
 * xenstore as data/exit-status (where the host's runner reads it), drains
 * the console and shuts the domain down with reason poweroff. If
 * platform_exit() is under way, its status is the one recorded. For ends
 * from inside a layer that can not run the exits above it (out of memory
 * inside the rump kernel, the rump kernel's own exit). Never returns.
 */
void platform_halt(int status) __attribute__((noreturn));

/*
 * Exit stages: what the layers above the platform do when the guest ends
 * through platform_exit() (main returned, exit(), a stop asked by the
 * toolstack): EXIT_STAGE(order, "name", fn) registers void fn(int status).
 * The C library flushes its streams first, then the rump kernel syncs and
 * unmounts its file systems, last because it ends in its own exit.
 */
#define EXIT_STAGE_LIBC 10
#define EXIT_STAGE_RUMPKERNEL 90

struct exit_stage {
    const char *name;
    void (*fn)(int status);
};

#define EXIT_STAGE_SECTION_(order) ".exit_stage." #order
#define EXIT_STAGE_SECTION(order) EXIT_STAGE_SECTION_(order)
#define EXIT_STAGE(order, name, fn)                                           \
    static const struct exit_stage exit_stage_##fn                            \
        __attribute__((used, aligned(16),                                     \
                       section(EXIT_STAGE_SECTION(order)))) = { name, fn }

/* Exit status of a guest the toolstack stopped (xl shutdown), as a
 * process ended by SIGTERM. */
#define PLATFORM_EXIT_STOPPED 143

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
 * network configuration) and the platform's late services (the toolstack's
 * control requests) come up at fixed steps of the boot order, on the
 * thread "main", after the platform's own services and constructors and
 * before main(). BOOT_STAGE(order, "name", fn) registers int fn(void),
 * which returns 0 or a negative errno; a failing stage is fatal (a panic
 * naming it). Stages of one order run in link order. Orders have two
 * digits (the linker sorts them as names).
 */
#define BOOT_STAGE_CONFIG 10
#define BOOT_STAGE_CONTROL 15
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
