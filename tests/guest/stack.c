/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of stack overflow reports: main() recurses until its stack
 * (SCHED_MAIN_STACK_SIZE, guarded) is exhausted; the guest must crash with
 * "stack overflow in thread main". Modes:
 *   guard  plain recursion into the guard page (reported by the fault
 *          handler; PVH only: on PV Xen can not deliver that fault),
 *   yield  recursion that yields at every level (reported by the
 *          scheduler's margin check, PV and PVH).
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
    if (yielding)
        sched_yield();
    if (depth % 64 == 0)
        console_printf("stack: depth %d, frame at %p\n", depth, (void *)frame);
    if (depth == limit)
        return 0;
    return recurse(depth + 1) + frame[0] + frame[255];
}

int
main(int argc, char **argv)
{
    const char *mode = argc == 2 ? argv[1] : "";

    if (strcmp(mode, "yield") == 0)
        yielding = 1;
    else if (strcmp(mode, "guard") != 0) {
        console_printf("stack: usage: stack guard|yield\n");
        return 2;
    }
    console_printf("stack: overflowing main's stack (%s)\n", mode);
    return recurse(1);
}
