/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internet address text conversions (inet_text.h): hand-written parsers
 * and formatters over bytes; no libc beyond memory functions.
 */
#include <string.h>

#include "inet_text.h"

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
inet_text_to_v4(const char *src, uint8_t out[4])
{
    uint8_t tmp[4];

    for (int part = 0; part < 4; part++) {
        unsigned v = 0;
        int digits = 0;

        if (part > 0 && *src++ != '.')
            return 0;
        while (is_digit(*src)) {
            if (digits > 0 && v == 0)
                return 0; /* a leading zero */
            v = v * 10 + (unsigned)(*src++ - '0');
            if (++digits > 3 || v > 255)
                return 0;
        }
        if (digits == 0)
            return 0;
        tmp[part] = (uint8_t)v;
    }
    if (*src != '\0')
        return 0;
    memcpy(out, tmp, 4);
    return 1;
}

/* One inet_aton part (decimal, 0 octal, 0x hex) into *v; 0 if malformed. */
static int
aton_part(const char **sp, uint64_t *v)
{
    const char *s = *sp;
    unsigned base = 10;
    int digits = 0;

    *v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0') {
        base = 8;
    }
    for (;; s++) {
        int d = hex_value(*s);

        if (d < 0 || (unsigned)d >= base)
            break;
        *v = *v * base + (unsigned)d;
        if (*v > 0xffffffffu)
            return 0;
        digits++;
    }
    if (digits == 0 && base != 8)
        return 0;
    *sp = s;
    return 1;
}

int
inet_text_aton(const char *src, uint8_t out[4])
{
    uint64_t parts[4], v;
    int n = 0;

    for (;;) {
        if (n == 4 || !aton_part(&src, &parts[n]))
            return 0;
        n++;
        if (*src == '\0')
            break;
        if (*src++ != '.')
            return 0;
    }
    for (int i = 0; i < n - 1; i++)
        if (parts[i] > 255)
            return 0;
    /* The last part fills the bytes the others left. */
    if (parts[n - 1] > (0xffffffffu >> (8 * (n - 1))))
        return 0;
    v = parts[n - 1];
    for (int i = 0; i < n - 1; i++)
        v |= parts[i] << (24 - 8 * i);
    for (int i = 0; i < 4; i++)
        out[i] = (uint8_t)(v >> (24 - 8 * i));
    return 1;
}

int
inet_text_to_v6(const char *src, uint8_t out[16])
{
    uint8_t tmp[16] = {0};
    int n = 0, gap = -1;

    if (src[0] == ':' && src[1] == ':') {
        gap = 0;
        src += 2;
    }
    while (*src != '\0') {
        unsigned v = 0;
        int digits = 0;
        const char *start = src;

        if (n == 16)
            return 0;
        while (hex_value(*src) >= 0 && digits < 5) {
            v = (v << 4) | (unsigned)hex_value(*src++);
            digits++;
        }
        if (*src == '.' && n <= 12) {
            /* A trailing dotted quad: the last 32 bits. */
            if (!inet_text_to_v4(start, &tmp[n]))
                return 0;
            n += 4;
            break;
        }
        if (digits == 0 || digits > 4)
            return 0;
        tmp[n++] = (uint8_t)(v >> 8);
        tmp[n++] = (uint8_t)v;
        if (*src == '\0')
            break;
        if (*src++ != ':')
            return 0;
        if (*src == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            src++;
        } else if (*src == '\0') {
            return 0;
        }
    }
    if (gap >= 0) {
        int tail = n - gap;

        if (n == 16)
            return 0;
        memmove(&tmp[16 - tail], &tmp[gap], (size_t)tail);
        memset(&tmp[gap], 0, (size_t)(16 - tail - gap));
    } else if (n != 16) {
        return 0;
    }
    memcpy(out, tmp, 16);
    return 1;
}

/* Appends the decimal u to p; returns the new end. */
static char *
put_dec(char *p, unsigned u)
{
    char rev[12];
    int n = 0;

    do {
        rev[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n > 0)
        *p++ = rev[--n];
    return p;
}

int
inet_text_from_v4(const uint8_t in[4], char *dst, size_t size)
{
    char buf[INET_TEXT_V4_MAX], *p = buf;

    for (int i = 0; i < 4; i++) {
        if (i > 0)
            *p++ = '.';
        p = put_dec(p, in[i]);
    }
    *p = '\0';
    if ((size_t)(p - buf) + 1 > size)
        return -1;
    memcpy(dst, buf, (size_t)(p - buf) + 1);
    return (int)(p - buf);
}

int
inet_text_from_v6(const uint8_t in[16], char *dst, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    char buf[INET_TEXT_V6_MAX], *p = buf;
    int best = -1, best_len = 0;

    /* The longest run of two or more zero groups, the first if tied. */
    for (int i = 0; i < 8;) {
        int j = i;

        while (j < 8 && in[2 * j] == 0 && in[2 * j + 1] == 0)
            j++;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    for (int i = 0; i < 8; i++) {
        unsigned g = (unsigned)in[2 * i] << 8 | in[2 * i + 1];
        int started = 0;

        if (i == best) {
            *p++ = ':';
            if (i == 0)
                *p++ = ':';
            i += best_len - 1;
            continue;
        }
        if (i == 6 && best == 0 &&
            (best_len == 6 ||
             (best_len == 5 && in[10] == 0xff && in[11] == 0xff))) {
            char v4[INET_TEXT_V4_MAX];
            int n = inet_text_from_v4(&in[12], v4, sizeof(v4));

            memcpy(p, v4, (size_t)n);
            p += n;
            break;
        }
        for (int shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (g >> shift) & 15;

            if (d != 0 || started || shift == 0) {
                *p++ = hex[d];
                started = 1;
            }
        }
        if (i < 7)
            *p++ = ':';
    }
    *p = '\0';
    if ((size_t)(p - buf) + 1 > size)
        return -1;
    memcpy(dst, buf, (size_t)(p - buf) + 1);
    return (int)(p - buf);
}
