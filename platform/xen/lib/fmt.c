/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small printf-style formatter for the console and panic paths, and a
 * strict decimal parser. Pure code: unit-tested on the host against the C
 * library's snprintf.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void
out_char(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void
out_pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        out_char(o, c);
}

struct spec {
    int left, zero, space, plus, alt;
    int width, prec;
};

static void
out_string(struct out *o, const struct spec *sp, const char *s)
{
    size_t n;

    if (s == NULL)
        s = "(null)";
    n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
    if (!sp->left)
        out_pad(o, ' ', sp->width - (int)n);
    for (size_t i = 0; i < n; i++)
        out_char(o, s[i]);
    if (sp->left)
        out_pad(o, ' ', sp->width - (int)n);
}

static void
out_number(struct out *o, const struct spec *sp, uint64_t v, int neg,
           unsigned int base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, prefix_len = 0, zeros, pad;
    const char *prefix = "";

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    if (sp->prec == 0 && n == 1 && tmp[0] == '0')
        n = 0;
    if (neg)
        prefix = "-";
    else if (sp->plus)
        prefix = "+";
    else if (sp->space)
        prefix = " ";
    else if (sp->alt && base == 16)
        prefix = upper ? "0X" : "0x";
    else if (sp->alt && base == 8 && (n == 0 || tmp[n - 1] != '0'))
        prefix = "0";
    prefix_len = (int)strlen(prefix);
    zeros = sp->prec > n ? sp->prec - n : 0;
    pad = sp->width - prefix_len - zeros - n;
    if (sp->zero && !sp->left && sp->prec < 0) {
        zeros += pad > 0 ? pad : 0;
        pad = 0;
    }
    if (!sp->left)
        out_pad(o, ' ', pad);
    for (int i = 0; i < prefix_len; i++)
        out_char(o, prefix[i]);
    out_pad(o, '0', zeros);
    while (n)
        out_char(o, tmp[--n]);
    if (sp->left)
        out_pad(o, ' ', pad);
}

/* Parses flags, width and precision; returns the position after them. */
static const char *
parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .prec = -1 };
    for (;; f++) {
        if (*f == '-')
            sp->left = 1;
        else if (*f == '0')
            sp->zero = 1;
        else if (*f == ' ')
            sp->space = 1;
        else if (*f == '+')
            sp->plus = 1;
        else if (*f == '#')
            sp->alt = 1;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = -sp->width;
        }
        f++;
    } else {
        while (*f >= '0' && *f <= '9')
            sp->width = sp->width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            sp->prec = va_arg(*ap, int);
            if (sp->prec < 0)
                sp->prec = -1;
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                sp->prec = sp->prec * 10 + (*f++ - '0');
        }
    }
    return f;
}

int
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap0)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };
    struct spec sp;
    va_list ap;

    va_copy(ap, ap0);
    for (const char *f = fmt; *f; f++) {
        int lng = 0; /* 0 int, 1 long, 2 long long, -1 short, -2 char */
        uint64_t u;
        int64_t s;

        if (*f != '%') {
            out_char(&o, *f);
            continue;
        }
        f = parse_spec(f + 1, &sp, &ap);
        for (;; f++) {
            if (*f == 'l')
                lng++;
            else if (*f == 'h')
                lng--;
            else if (*f == 'z' || *f == 't' || *f == 'j')
                lng = 2;
            else
                break;
        }
        switch (*f) {
        case 'd':
        case 'i':
            if (lng >= 1)
                s = lng == 1 ? va_arg(ap, long) : va_arg(ap, long long);
            else
                s = va_arg(ap, int);
            if (lng == -1)
                s = (short)s;
            else if (lng <= -2)
                s = (signed char)s;
            out_number(&o, &sp, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0,
                       10, 0);
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            if (lng >= 1)
                u = lng == 1 ? va_arg(ap, unsigned long)
                             : va_arg(ap, unsigned long long);
            else
                u = va_arg(ap, unsigned int);
            if (lng == -1)
                u = (unsigned short)u;
            else if (lng <= -2)
                u = (unsigned char)u;
            sp.plus = sp.space = 0;
            out_number(&o, &sp, u, 0,
                       *f == 'u' ? 10 : *f == 'o' ? 8 : 16, *f == 'X');
            break;
        case 'p':
            sp.alt = 1;
            out_number(&o, &sp, (uintptr_t)va_arg(ap, void *), 0, 16, 0);
            break;
        case 's':
            out_string(&o, &sp, va_arg(ap, const char *));
            break;
        case 'c': {
            char c[2] = { (char)va_arg(ap, int), '\0' };

            sp.prec = -1;
            if (c[0] == '\0') {
                out_pad(&o, ' ', sp.left ? 0 : sp.width - 1);
                out_char(&o, '\0');
                out_pad(&o, ' ', sp.left ? sp.width - 1 : 0);
            } else {
                out_string(&o, &sp, c);
            }
            break;
        }
        case '%':
            out_char(&o, '%');
            break;
        case '\0':
            f--;
            break;
        default:
            out_char(&o, '%');
            out_char(&o, *f);
            break;
        }
    }
    va_end(ap);
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int
fmt_parse_long(const char *s, long min, long max, long *out)
{
    int neg = 0;
    uint64_t v = 0, limit;
    int64_t val;

    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (*s == '\0')
        return -RX_EINVAL;
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -RX_EINVAL;
        if (v > (limit - (uint64_t)(*s - '0')) / 10)
            return -RX_ERANGE;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    val = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v)
              : (int64_t)v;
    if (val < min || val > max)
        return -RX_ERANGE;
    *out = (long)val;
    return 0;
}
