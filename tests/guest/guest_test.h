/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers of the guest test programs: EXPECT records a failure with
 * its line and goes on; test_done() prints the verdict line the harness
 * checks ("<name>: PASS (N checks)" or "<name>: FAIL (N of M checks)") and
 * returns the exit status (0 or 1).
 */
#ifndef TESTS_GUEST_TEST_H
#define TESTS_GUEST_TEST_H

#include <rumpxen/console.h>

static int test_checks, test_failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        test_checks++;                                                         \
        if (!(cond)) {                                                         \
            test_failures++;                                                   \
            console_printf("%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
        }                                                                      \
    } while (0)

static inline int
test_done(const char *name)
{
    if (test_failures)
        console_printf("%s: FAIL (%d of %d checks)\n", name, test_failures,
                       test_checks);
    else
        console_printf("%s: PASS (%d checks)\n", name, test_checks);
    return test_failures ? 1 : 0;
}

#endif
