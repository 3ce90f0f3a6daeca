/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * examples/hello as a plain C program on newlib (platform-only profile of
 * libc-glue): prints a greeting with printf, returns the exit status given
 * as its first argument (default 0).
 */
#include <stdio.h>
#include <stdlib.h>

#include <rumpxen/platform.h>

int
main(int argc, char **argv)
{
    long status = 0;
    char *end;

    printf("Hello, world! (rumpxen, newlib, %s guest, %lu MiB)\n",
           boot_type_name(), (unsigned long)(boot_info->mem_bytes >> 20));
    if (argc > 1) {
        status = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || status < 0 || status > 255) {
            fprintf(stderr, "hello: bad exit status '%s' (want 0-255)\n",
                    argv[1]);
            return 2;
        }
    }
    return (int)status;
}
