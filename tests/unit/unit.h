/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal host unit-test harness: CHECK records a failure with its line
 * and goes on; unit_done() prints "unit NAME: N checks, N failed" and
 * returns the exit status.
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdio.h>

static int unit_checks, unit_failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        unit_checks++;                                                         \
        if (!(cond)) {                                                         \
            unit_failures++;                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

static inline int
unit_done(const char *name)
{
    printf("unit %s: %d checks, %d failed\n", name, unit_checks,
           unit_failures);
    return unit_failures ? 1 : 0;
}

#endif
