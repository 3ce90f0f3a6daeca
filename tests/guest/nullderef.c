/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest test: reads address 0, which must fault (page 0 is never mapped). */
#include <rumpxen/console.h>

int
main(void)
{
    volatile int *p = 0;

    __asm__ volatile("" : "+r"(p)); /* keep the load a load, not a trap */
    console_printf("nullderef: reading address 0\n");
    console_printf("nullderef: read %d, which is wrong\n", *p);
    return 1;
}
