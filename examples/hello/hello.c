/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The smallest rumpxen guest: prints a greeting and how it booted, returns
 * the exit status given as its first argument (default 0).
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>

int
main(int argc, char **argv)
{
    long status = 0;

    console_printf("Hello, world! (rumpxen, %s guest, %lu MiB)\n",
                   boot_type_name(),
                   (unsigned long)(boot_info->mem_bytes >> 20));
    if (argc > 1 && fmt_parse_long(argv[1], 0, 255, &status) != 0) {
        console_printf("hello: bad exit status '%s' (want 0-255)\n", argv[1]);
        return 2;
    }
    return (int)status;
}
