/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the platform formatter and decimal parser: every format
 * is compared with the C library's snprintf, including truncation.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rumpxen/errno.h>
#include <rumpxen/lib.h>

#include "unit.h"

static void __attribute__((format(printf, 2, 3)))
same(size_t size, const char *fmt, ...)
{
    char want[256], got[256];
    va_list ap, ap2;
    int n1, n2;

    memset(want, 'X', sizeof(want));
    memset(got, 'X', sizeof(got));
    va_start(ap, fmt);
    va_copy(ap2, ap);
    n1 = vsnprintf(want, size, fmt, ap);
    n2 = fmt_vsnprintf(got, size, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    CHECK(n1 == n2);
    CHECK(memcmp(want, got, sizeof(want)) == 0);
    if (n1 != n2 || memcmp(want, got, sizeof(want)) != 0)
        fprintf(stderr, "  format \"%s\" size %zu: want \"%.*s\" (%d), got "
                "\"%.*s\" (%d)\n", fmt, size, (int)(size ? size : 1), want, n1,
                (int)(size ? size : 1), got, n2);
}

int
main(void)
{
    long v;

    same(256, "plain text");
    same(256, "%d %i %u", -42, 7, 3000000000u);
    same(256, "%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
    same(256, "%x %X %#x %#o %o", 0xbeefu, 0xbeefu, 0x1fu, 8u, 0u);
    same(256, "%lx %lu %ld", 0xffffffffffffffffUL, ULONG_MAX, LONG_MIN);
    same(256, "%llx %lld", 0x123456789abcULL, LLONG_MIN);
    same(256, "%zu %zd %jd", (size_t)123, (ssize_t)-5, (intmax_t)-9);
    same(256, "%hhu %hd %hu", 300, 70000, 70000);
    same(256, "%s|%10s|%-10s|%.2s|%*s|%-*s|", "abc", "abc", "abc", "abc", 6,
         "ab", 6, "ab");
    same(256, "%c%c%5c%-3c|", 'a', 'b', 'c', 'd');
    same(256, "%.3d %.0d %8.3x %-8.3x|", 7, 0, 0xau, 0xau);
    same(256, "%016lx %p", 0x1234UL, (void *)0x1000);
    same(256, "100%%");
    same(5, "truncated %d", 12345);
    same(1, "x");
    same(0, "nothing");

    CHECK(fmt_parse_long("0", 0, 10, &v) == 0 && v == 0);
    CHECK(fmt_parse_long("255", 0, 255, &v) == 0 && v == 255);
    CHECK(fmt_parse_long("256", 0, 255, &v) == -RX_ERANGE);
    CHECK(fmt_parse_long("-1", 0, 255, &v) == -RX_ERANGE);
    CHECK(fmt_parse_long("-9223372036854775808", LONG_MIN, LONG_MAX, &v) ==
              0 && v == LONG_MIN);
    CHECK(fmt_parse_long("9223372036854775807", LONG_MIN, LONG_MAX, &v) ==
              0 && v == LONG_MAX);
    CHECK(fmt_parse_long("9223372036854775808", LONG_MIN, LONG_MAX, &v) ==
          -RX_ERANGE);
    CHECK(fmt_parse_long("99999999999999999999999", LONG_MIN, LONG_MAX, &v) ==
          -RX_ERANGE);
    CHECK(fmt_parse_long("", 0, 1, &v) == -RX_EINVAL);
    CHECK(fmt_parse_long("-", 0, 1, &v) == -RX_EINVAL);
    CHECK(fmt_parse_long("12x", 0, 100, &v) == -RX_EINVAL);
    CHECK(fmt_parse_long(" 1", 0, 100, &v) == -RX_EINVAL);
    return unit_done("fmt");
}
