/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small HTTP/1.0 server on NetBSD's TCP/IP, calling the rump kernel's
 * system calls directly (no libc): a pool of worker threads, each with
 * its own rump lwp in one rump process, accept on an IPv4 and an IPv6
 * listening socket.
 * It configures no network itself: the guest's configuration (command
 * line, before main) gives the interface its address. Needs the "net" set
 * and our xenif component.
 *
 *   GET /            an HTML page naming what is served
 *   GET /N           N bytes (0..1 GiB) of the test pattern: byte i is
 *                    byte i % 10000 of 400 25-byte records, each
 *                    "rumpxen httpd line %04d\n" and a NUL
 *   POST /sink       reads and drops the body, answers "got N\n"
 *   GET /stats       requests served and errors so far
 *   GET /exit/N      (only with -x) stops serving; main returns N
 *
 * -v prints the counts every 5 s while they change.
 *
 * Usage: httpd [-p PORT] [-w WORKERS] [-x] [-v]  (port 80, 8 workers on IPv4,
 * 2 more on IPv6)
 */
#include <rumpxen/console.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/netfront.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>

/* After the rump headers: it uses their types. */
#include <rumpxen/nb_abi.h>

#define HTTPD_WORKERS_MAX 64
#define IPV6_WORKERS 2
#define LINGER_MS 1000
#define HTTPD_REQ_MAX 2048
#define HTTPD_BODY_MAX (1ul << 30)

/*
 * The test pattern: PAGE_LINES records of LINE_LEN bytes (a 24-byte line
 * and the NUL snprintf leaves), PAGE_LEN in all.
 */
#define PAGE_LINES 400
#define LINE_LEN 25
#define PAGE_LEN (PAGE_LINES * LINE_LEN)
/* The pattern written from here: whole pages from any offset in the first. */
#define PATTERN_COPIES 4
#define PATTERN_WRITE ((PATTERN_COPIES - 1) * PAGE_LEN)

static char pattern[PATTERN_COPIES * PAGE_LEN];
static char sink[32768];
/* IPv4 and IPv6 listeners apart: NetBSD's IPv4-mapped path refuses new
 * connections once a few hundred of its own closes wait in TIME_WAIT. */
static int listen_fd[2] = {-1, -1};
static pid_t server_pid;
static volatile int stopping;
static int exit_status;
static int allow_exit, verbose, last_errno, busy;
static unsigned long served, errors, bytes_out;

static const char index_page[] =
    "<!DOCTYPE html>\n<html><head><title>rumpxen httpd</title></head>\n"
    "<body><h1>rumpxen httpd</h1>\n"
    "<p>Served by NetBSD's TCP/IP in a rump kernel, in a Xen guest with no "
    "OS underneath.</p>\n<ul>\n"
    "<li><a href=\"/1000\">/1000</a>, <a href=\"/10000\">/10000</a>, "
    "<a href=\"/1048576\">/1048576</a>: that many bytes of the test "
    "pattern</li>\n"
    "<li><a href=\"/stats\">/stats</a>: requests served</li>\n"
    "</ul></body></html>\n";

static void
make_pattern(void)
{
    for (int i = 0; i < PAGE_LINES; i++)
        fmt_snprintf(pattern + i * LINE_LEN, LINE_LEN + 1,
                     "rumpxen httpd line %04d\n", i);
    for (int c = 1; c < PATTERN_COPIES; c++)
        memcpy(pattern + c * PAGE_LEN, pattern, PAGE_LEN);
}

/* Writes head (may be empty) and then body, gathered where they fit. */
static int
write_all2(int fd, const char *head, size_t hlen, const char *body, size_t blen)
{
    while (hlen + blen > 0) {
        struct nb_iovec iov[2] = {{head, hlen}, {body, blen}};
        ssize_t n = hlen > 0 ? rump_sys_writev(fd, (const void *)iov, 2)
                             : rump_sys_write(fd, body, blen);

        if (n <= 0)
            return -1;
        if ((size_t)n >= hlen) {
            body += (size_t)n - hlen;
            blen -= (size_t)n - hlen;
            hlen = 0;
        } else {
            head += n;
            hlen -= (size_t)n;
        }
    }
    return 0;
}

static int
respond(int fd, const char *status, const char *type, const char *body,
        size_t len)
{
    char head[256];
    int hlen = fmt_snprintf(head, sizeof(head),
                            "HTTP/1.0 %s\r\nServer: rumpxen-httpd\r\n"
                            "Content-Type: %s\r\nContent-Length: %zu\r\n"
                            "Connection: close\r\n\r\n",
                            status, type, len);

    return write_all2(fd, head, (size_t)hlen, body, len);
}

/* GET /N: the first n bytes of the pattern, written a few pages at once. */
static int
send_pattern(int fd, unsigned long n)
{
    char head[160];
    int hlen = fmt_snprintf(head, sizeof(head),
                            "HTTP/1.0 200 OK\r\nServer: rumpxen-httpd\r\n"
                            "Content-Type: application/octet-stream\r\n"
                            "Content-Length: %lu\r\nConnection: close\r\n\r\n",
                            n);
    unsigned long off = 0;

    do {
        size_t chunk = n - off < PATTERN_WRITE ? n - off : PATTERN_WRITE;

        if (write_all2(fd, head, (size_t)hlen, pattern + off % PAGE_LEN,
                       chunk) < 0)
            return -1;
        hlen = 0;
        off += chunk;
    } while (off < n);
    bytes_out += n;
    return 0;
}

/* Where the body starts after the headers' blank line, or 0 if not yet. */
static size_t
headers_end(const char *req, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (req[i] != '\n')
            continue;
        if (req[i + 1] == '\n')
            return i + 2;
        if (req[i + 1] == '\r' && i + 2 < len && req[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* A decimal number at *s (advanced past it), or -1 if none or too big. */
static long
parse_ulong(const char **s, long max)
{
    const char *p = *s;
    long v = 0;

    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (*p - '0');
        if (v > max)
            return -1;
    }
    *s = p;
    return v;
}

/* The value of header name (lower case, with its ':') in req, or -1. */
static long
header_long(const char *req, size_t len, const char *name)
{
    size_t nl = strlen(name);

    for (size_t i = 0; i + nl < len; i++) {
        const char *p;
        size_t k = 0;

        if (i > 0 && req[i - 1] != '\n')
            continue;
        while (k < nl && (req[i + k] | 0x20) == name[k])
            k++;
        if (k < nl)
            continue;
        for (p = req + i + nl; *p == ' '; p++)
            ;
        return parse_ulong(&p, (long)HTTPD_BODY_MAX);
    }
    return -1;
}

/* POST /sink: reads and drops the body. */
static int
serve_sink(int fd, const char *req, size_t got, size_t body_at)
{
    long want = header_long(req, body_at, "content-length:");
    unsigned long have = got - body_at;
    char msg[32];
    int mlen;

    if (want < 0)
        return respond(fd, "411 Length Required", "text/plain",
                       "Content-Length needed\n", 22);
    while (have < (unsigned long)want) {
        ssize_t n = rump_sys_read(fd, sink, sizeof(sink));

        if (n <= 0)
            return -1;
        have += (unsigned long)n;
    }
    mlen = fmt_snprintf(msg, sizeof(msg), "got %lu\n", have);
    return respond(fd, "200 OK", "text/plain", msg, (size_t)mlen);
}

/* Answers the request whose text (NUL-terminated) is req. */
static int
route(int fd, const char *req, size_t got, size_t body_at)
{
    const char *p;
    long n;
    int mlen;

    if (strncmp(req, "POST /sink ", 11) == 0)
        return serve_sink(fd, req, got, body_at);
    if (strncmp(req, "GET /", 5) != 0)
        return respond(fd, "501 Not Implemented", "text/plain",
                       "GET or POST /sink only\n", 23);
    p = req + 5;
    if (*p == ' ')
        return respond(fd, "200 OK", "text/html", index_page,
                       sizeof(index_page) - 1);
    if (strncmp(p, "stats ", 6) == 0) {
        static const int mib[4] = {4, 2, 6, 30}; /* net.inet.tcp.stats */
        static uint64_t tcps[76];
        static char out[2048];
        size_t len = sizeof(tcps);

        mlen = fmt_snprintf(out, sizeof(out),
                            "served %lu\nerrors %lu\nbytes %lu\n", served,
                            errors, bytes_out);
        if (rump_sys___sysctl(mib, 4, tcps, &len, NULL, 0) == 0)
            for (unsigned i = 0; i < len / 8; i++)
                if (tcps[i])
                    mlen +=
                        fmt_snprintf(out + mlen, sizeof(out) - (size_t)mlen,
                                     "tcp%u %lu\n", i, (unsigned long)tcps[i]);
        return respond(fd, "200 OK", "text/plain", out, (size_t)mlen);
    }
    if (allow_exit && strncmp(p, "exit/", 5) == 0) {
        p += 5;
        if ((n = parse_ulong(&p, 255)) >= 0 && *p == ' ') {
            exit_status = (int)n;
            stopping = 1;
            return respond(fd, "200 OK", "text/plain", "bye\n", 4);
        }
    }
    if ((n = parse_ulong(&p, (long)HTTPD_BODY_MAX)) >= 0 && *p == ' ')
        return send_pattern(fd, (unsigned long)n);
    return respond(fd, "404 Not Found", "text/plain", "not found\n", 10);
}

/* Reads one request up to its blank line and answers it. */
static void
serve_one(int fd)
{
    char req[HTTPD_REQ_MAX + 1];
    size_t got = 0, body_at = 0;

    while (got < HTTPD_REQ_MAX && body_at == 0) {
        ssize_t n = rump_sys_read(fd, req + got, HTTPD_REQ_MAX - got);

        if (n <= 0)
            break;
        got += (size_t)n;
        req[got] = '\0';
        body_at = headers_end(req, got);
    }
    if (body_at == 0) {
        /* A client that connects and closes at once asked for nothing. */
        if (got == 0)
            return;
        (void)respond(fd, "400 Bad Request", "text/plain", "bad request\n", 12);
        errors++;
        return;
    }
    if (route(fd, req, got, body_at) < 0)
        errors++;
    else
        served++;
}

/*
 * Closes a connection after the client has closed its side, waiting at
 * most LINGER_MS: the side that closes first keeps the connection in
 * TIME_WAIT, and hundreds of those on NetBSD's side made it reset new
 * connections (README). A client that keeps its side open is closed on.
 */
static void
linger_close(int fd)
{
    struct nb_timeval tv = {0, LINGER_MS * 1000};
    char drain[256];

    if (rump_sys_setsockopt(fd, RUMP_SOL_SOCKET, RUMP_SO_RCVTIMEO, &tv,
                            sizeof(tv)) == 0)
        while (rump_sys_read(fd, drain, sizeof(drain)) > 0)
            ;
    rump_sys_close(fd);
}

/*
 * A worker: its own lwp in the server's process, accepting on the listener
 * *arg until stopped.
 */
static void
worker(void *arg)
{
    int ls = *(int *)arg, one = 1, err;

    err = rump_pub_lwproc_newlwp(server_pid);
    if (err != 0) {
        console_printf("httpd: worker: no lwp (error %d)\n", err);
        return;
    }
    while (!stopping) {
        int fd = rump_sys_accept(ls, NULL, NULL);

        if (fd < 0) {
            if (!stopping) {
                errors++;
                last_errno = hypercall_errno();
            }
            continue;
        }
        (void)rump_sys_setsockopt(fd, RUMP_IPPROTO_TCP, RUMP_TCP_NODELAY, &one,
                                  sizeof(one));
        busy++;
        serve_one(fd);
        linger_close(fd);
        busy--;
    }
    rump_pub_lwproc_releaselwp();
}

/* Listens on port for IPv4 (v6 0) or IPv6 (v6 1); the socket or -1. */
static int
http_listen(unsigned int port, int v6)
{
    uint16_t nport = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
    struct nb_sockaddr_in sa4 = {
        .sin_len = sizeof(sa4),
        .sin_family = RUMP_AF_INET,
        .sin_port = nport,
    };
    struct nb_sockaddr_in6 sa6 = {
        .sin6_len = sizeof(sa6),
        .sin6_family = RUMP_AF_INET6,
        .sin6_port = nport,
    };
    int one = 1;
    int fd =
        rump_sys_socket(v6 ? RUMP_AF_INET6 : RUMP_AF_INET, RUMP_SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (rump_sys_setsockopt(fd, RUMP_SOL_SOCKET, RUMP_SO_REUSEADDR, &one,
                            sizeof(one)) != 0 ||
        (v6 && rump_sys_setsockopt(fd, RUMP_IPPROTO_IPV6, NB_IPV6_V6ONLY, &one,
                                   sizeof(one)) != 0) ||
        (v6 ? rump_sys_bind(fd, (const void *)&sa6, sizeof(sa6))
            : rump_sys_bind(fd, (const void *)&sa4, sizeof(sa4))) != 0 ||
        rump_sys_listen(fd, 128) != 0) {
        rump_sys_close(fd);
        return -1;
    }
    return fd;
}

/* The number after option argv[*i] (advanced), or -1. */
static long
option_value(int argc, char **argv, int *i, long max)
{
    const char *p;
    long v;

    if (*i + 1 >= argc)
        return -1;
    p = argv[++*i];
    v = parse_ulong(&p, max);
    return *p == '\0' ? v : -1;
}

int
main(int argc, char **argv)
{
    const struct netfront *nic0;
    static struct thread *workers[HTTPD_WORKERS_MAX + IPV6_WORKERS];
    long port = 80, nworkers = 8;
    /* xenif0 is up before main: its grants are all made (at open). */
    unsigned int grants = gnttab_in_use();
    int err;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0)
            port = option_value(argc, argv, &i, 65535);
        else if (strcmp(argv[i], "-w") == 0)
            nworkers = option_value(argc, argv, &i, HTTPD_WORKERS_MAX);
        else if (strcmp(argv[i], "-x") == 0)
            allow_exit = 1;
        else if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strchr(argv[i], '=') == NULL && strcmp(argv[i], "--") != 0)
            port = -1;
        if (port < 1 || nworkers < 1) {
            console_printf("usage: httpd [-p PORT] [-w WORKERS (1-%d)] "
                           "[-x] [-v]\n",
                           HTTPD_WORKERS_MAX);
            return 2;
        }
    }
    make_pattern();
    /* A process of its own, so every worker's lwp shares its descriptors. */
    err = rump_pub_lwproc_rfork(RUMP_RFCFDG);
    if (err != 0) {
        console_printf("httpd: rfork: error %d\n", err);
        return 1;
    }
    server_pid = rump_sys_getpid();
    for (int v6 = 0; v6 < 2; v6++) {
        listen_fd[v6] = http_listen((unsigned int)port, v6);
        if (listen_fd[v6] < 0) {
            console_printf("httpd: can not listen on port %ld (IPv%d): "
                           "errno %d\n",
                           port, v6 ? 6 : 4, hypercall_errno());
            return 1;
        }
    }
    /* nworkers on IPv4, IPV6_WORKERS more on IPv6. */
    for (long i = 0; i < nworkers + IPV6_WORKERS; i++) {
        workers[i] = sched_create("httpd", worker, &listen_fd[i >= nworkers], 0,
                                  SCHED_JOINABLE, &err);
        if (workers[i] == NULL) {
            console_printf("httpd: no worker thread (%d)\n", err);
            return 1;
        }
    }
    console_printf("httpd: serving on port %ld, %ld workers on IPv4, %d on "
                   "IPv6\n",
                   port, nworkers, IPV6_WORKERS);
    for (unsigned long n = 0, seen = 0; !stopping; n++) {
        sched_sleep_until(time_now_ns() + 100 * NSEC_PER_MSEC);
        if (verbose && n % 50 == 0 && served + errors != seen) {
            seen = served + errors;
            console_printf("httpd: %lu served, %lu errors (last errno %d), "
                           "%d workers busy\n",
                           served, errors, last_errno, busy);
        }
    }
    /* Workers blocked in accept wake up when the socket goes away. */
    rump_sys_close(listen_fd[0]);
    rump_sys_close(listen_fd[1]);
    for (long i = 0; i < nworkers + IPV6_WORKERS; i++)
        (void)sched_join(workers[i]);
    nic0 = netfront_find(0);
    if (nic0 != NULL)
        netfront_print_tx_stats(nic0, "httpd");
    console_printf("httpd: grants in use: %u at start, %u at exit\n", grants,
                   gnttab_in_use());
    console_printf("httpd: served %lu requests, %lu errors, %lu bytes; "
                   "exit %d\n",
                   served, errors, bytes_out, exit_status);
    return exit_status;
}
