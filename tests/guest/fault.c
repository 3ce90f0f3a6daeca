/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: writes to an unmapped address through two named functions,
 * so the crash report must show a page fault and a symbolised backtrace.
 */
#include <rumpxen/console.h>

void fault_inner(volatile int *p) __attribute__((noinline));
void fault_outer(volatile int *p) __attribute__((noinline));

void
fault_inner(volatile int *p)
{
    *p = 42;
}

void
fault_outer(volatile int *p)
{
    fault_inner(p);
    __asm__ volatile("" ::: "memory"); /* keep the call a call */
}

int
main(void)
{
    console_printf("fault: writing to an unmapped address\n");
    fault_outer((volatile int *)0x7fff00000000ULL);
    console_printf("fault: still alive, which is wrong\n");
    return 1;
}
