/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helper of the newlib guest tests (libc*.c; guest_test.h is the
 * platform API's twin): EXPECT records a failure with its line and errno
 * and goes on; each test prints its own verdict from checks and failures.
 */
#ifndef TESTS_GUEST_LIBC_TEST_H
#define TESTS_GUEST_LIBC_TEST_H

#include <errno.h>
#include <stdio.h>

static int checks, failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            printf("%s:%d: expected %s (errno %d)\n", __FILE__, __LINE__,      \
                   #cond, errno);                                              \
        }                                                                      \
    } while (0)

#endif
