/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the guest configuration seen through newlib: getenv()
 * finds the variables of env.NAME=VALUE, setenv() adds to them, and main
 * gets the words after "--" as its arguments. Prints what it found; the
 * harness checks it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
    const char *g = getenv("GREETING");
    int bad = 0;

    printf("libcenv: GREETING=%s\n", g ? g : "(unset)");
    printf("libcenv: %d arguments:", argc - 1);
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    if (setenv("ADDED", "yes", 1) != 0 || getenv("ADDED") == NULL ||
        strcmp(getenv("ADDED"), "yes") != 0 || getenv("NOT_SET") != NULL)
        bad = 1;
    if (g != NULL && strcmp(getenv("GREETING"), g) != 0)
        bad = 1;
    printf("libcenv: %s\n", bad ? "FAIL" : "PASS");
    return bad;
}
