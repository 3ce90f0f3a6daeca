/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of stack overflow reports: main() recurses until its stack
 * (SCHED_MAIN_STACK_SIZE, guarded) is exhausted; the guest must crash with
 * "stack overflow in thread main". Modes:
 *   limit  recursion compiled with -fsplit-stack, as all our code is: the
 *          prologue check finds the stack limit (PV and PVH),
 *   yield  recursion without that check that yields at every level: the
 *          scheduler's margin check finds it (PV and PVH),
 *   guard  recursion without that check into the guard page: the fault
 *          handler names it (PVH; on PV, Xen can not deliver a fault
 *          taken with %rsp in the guard page and kills the domain).
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/sched.h>

static int yielding;
static int limit = 1 << 30; /* never reached; hides the recursion's end */

/* Not a tail call, and a frame the compiler can not shrink. */
static int __attribute__((noinline)) recurse(int depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    frame[255] = (char)depth;
    if (depth == limit)
        return 0;
    return recurse(depth + 1) + frame[0] + frame[255];
}

/* The same without the -fsplit-stack prologue (like the rump kernel). */
static int __attribute__((noinline, no_split_stack))
recurse_unchecked(int depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    frame[255] = (char)depth;
    if (yielding)
        sched_thread_yield();
    if (depth == limit)
        return 0;
    return recurse_unchecked(depth + 1) + frame[0] + frame[255];
}

int
main(int argc, char **argv)
{
    const char *mode = argc == 2 ? argv[1] : "";

    console_printf("stack: overflowing main's stack (%s)\n", mode);
    if (strcmp(mode, "limit") == 0)
        return recurse(1);
    if (strcmp(mode, "yield") == 0) {
        yielding = 1;
        return recurse_unchecked(1);
    }
    if (strcmp(mode, "guard") == 0)
        return recurse_unchecked(1);
    console_printf("stack: usage: stack limit|yield|guard\n");
    return 2;
}
