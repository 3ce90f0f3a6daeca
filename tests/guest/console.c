/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the console: prints many numbered lines quickly (far more
 * than the 2 KiB ring holds) and exits at once; the harness checks from
 * the host that every line arrived, in order (nothing dropped, drained
 * before shutdown).
 */
#include <rumpxen/console.h>

#define LINES 3000

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (int i = 1; i <= LINES; i++)
        console_printf("console: line %d of %d\n", i, LINES);
    return 0;
}
