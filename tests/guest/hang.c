/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest test: never ends; the runner's watchdog must kill it. */
#include <rumpxen/console.h>

int
main(void)
{
    console_printf("hang: spinning forever\n");
    for (;;)
        __asm__ volatile("pause");
}
