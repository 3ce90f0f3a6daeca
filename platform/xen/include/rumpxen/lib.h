/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The few C library functions the platform itself uses, and a formatter.
 * They live in a separate archive linked after any C library, so an image
 * with newlib uses newlib's string functions and ours fill in otherwise.
 */
#ifndef RUMPXEN_LIB_H
#define RUMPXEN_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/*
 * Formats like vsnprintf(3) into buf (always NUL-terminated when size > 0)
 * and returns the length the whole output would have. Conversions: d i u x X
 * o p s c %, flags '-' '0' ' ' '+' '#', width and precision (also '*'),
 * length modifiers hh h l ll z t j. No floating point.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Parses a decimal integer in [min, max] that fills the whole string s.
 * Returns 0, or -RX_EINVAL (not a number) / -RX_ERANGE (out of range).
 */
int fmt_parse_long(const char *s, long min, long max, long *out);

#endif
