/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Plain C string and memory functions for images without a C library:
 * simple loops, but the memory movers go by words (see below).
 */
#include <rumpxen/lib.h>

/*
 * memcpy, memmove and memset move 8 bytes a step (rep movsq / stosq, the
 * rest by bytes): the platform and the hypercalls copy block and network
 * buffers and zero pages through them (the rump kernel has its own), and
 * gcc -O2 leaves a byte loop a byte loop (on the appliance 64 KiB took
 * 108-216 us by bytes, 13 us by words).
 * copy_up copies n bytes upwards: each source word is read before any
 * store reaches it, so it also serves memmove with dst below src.
 */
static inline void
copy_up(void *d, const void *s, size_t n)
{
    size_t words = n / 8, rest = n % 8;

    __asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(rest) : : "memory");
}

void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    copy_up(dst, src, n);
    return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dst;
    if (d < s) {
        copy_up(d, s, n);
        return dst;
    }
    /* Backwards, by words from the end, then the leading bytes. */
    while (n >= 8) {
        uint64_t w;

        n -= 8;
        __builtin_memcpy(&w, s + n, 8);
        __builtin_memcpy(d + n, &w, 8);
    }
    while (n--)
        d[n] = s[n];
    return dst;
}

void *
memset(void *dst, int c, size_t n)
{
    void *d = dst;
    uint64_t pattern = (unsigned char)c * 0x0101010101010101ULL;
    size_t words = n / 8, rest = n % 8;

    __asm__ volatile("rep stosq"
                     : "+D"(d), "+c"(words)
                     : "a"(pattern)
                     : "memory");
    __asm__ volatile("rep stosb"
                     : "+D"(d), "+c"(rest)
                     : "a"(pattern)
                     : "memory");
    return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t
strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t)(p - s);
}

size_t
strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

int
strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (*a == '\0')
            return 0;
    }
    return 0;
}

char *
strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (*s == '\0')
            return NULL;
    }
}
