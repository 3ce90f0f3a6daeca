/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * syslog(3) without a syslog daemon: each message is one "ident: message"
 * line written to stderr (the console in both profiles). Used by servers
 * such as lighttpd; see libc-glue/include/syslog.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

enum { SYSLOG_LINE_MAX = 1024 };

static const char *syslog_ident;
static int syslog_options;
static int syslog_mask = 0xff;

void
openlog(const char *ident, int option, int facility)
{
    (void)facility;
    syslog_ident = ident;
    syslog_options = option;
}

void
closelog(void)
{
    syslog_ident = NULL;
    syslog_options = 0;
}

int
setlogmask(int mask)
{
    int old = syslog_mask;

    if (mask != 0)
        syslog_mask = mask;
    return old;
}

/*
 * Copies format into out (size len) with each "%m" replaced by err's text
 * ("%%" kept as is, so "%%m" stays literal); truncates to fit.
 */
static void
expand_errno(char *out, size_t len, const char *format, int err)
{
    const char *text = strerror(err);
    size_t n = 0;

    for (const char *p = format; *p != '\0' && n + 1 < len; p++) {
        if (p[0] == '%' && p[1] == 'm') {
            for (const char *t = text; *t != '\0' && n + 1 < len; t++)
                out[n++] = *t;
            p++;
            continue;
        }
        out[n++] = *p;
        if (p[0] == '%' && p[1] == '%' && n + 1 < len) {
            out[n++] = '%';
            p++;
        }
    }
    out[n] = '\0';
}

void
vsyslog(int priority, const char *format, va_list ap)
{
    char fmt[SYSLOG_LINE_MAX];
    char line[SYSLOG_LINE_MAX];
    int err = errno;
    int n;

    if ((syslog_mask & LOG_MASK(LOG_PRI(priority))) == 0)
        return;
    expand_errno(fmt, sizeof(fmt), format, err);
    n = snprintf(line, sizeof(line),
                 "%s%s: ", syslog_ident != NULL ? syslog_ident : "syslog",
                 (syslog_options & LOG_PID) != 0 ? "[1]" : "");
    if (n < 0 || (size_t)n >= sizeof(line))
        n = 0;
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    n = (int)strlen(line);
    /* One newline: drop the caller's own, as syslogd does. */
    while (n > 0 && line[n - 1] == '\n')
        n--;
    if ((size_t)n >= sizeof(line) - 1)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    write(STDERR_FILENO, line, (size_t)n);
    errno = err;
}

void
syslog(int priority, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    vsyslog(priority, format, ap);
    va_end(ap);
}
