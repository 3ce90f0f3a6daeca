/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest test: returns the status named on its command line (0-255). */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>

int
main(int argc, char **argv)
{
    long status;

    if (argc != 2 || fmt_parse_long(argv[1], 0, 255, &status) != 0) {
        console_printf("exitcode: usage: exitcode STATUS (0-255)\n");
        return 254;
    }
    console_printf("exitcode: returning %ld\n", status);
    return (int)status;
}
