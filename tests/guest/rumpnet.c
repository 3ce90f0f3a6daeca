/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the rump kernel's network interface (our xenif component
 * over netfront), booted with one vif on dom0's bridge and its address in
 * the guest configuration's short form (net.xenif0=ADDR/16 --, xenrun's
 * @IP0@), which the boot stage applied through the rump kernel's
 * net_config component before main: asks dom0 to ping it (100 small and
 * 100 full-MTU pings, tests/guest/xenstore-dom0.sh) and waits for dom0's
 * verdict; NetBSD's own ARP and ICMP answer. Then serves a 10 KB page
 * over HTTP on port 80 (rump system calls) while dom0 fetches it 250 times,
 * 100 one after another and 50 at once, and compares the bytes, then
 * fetches 2 MiB of zeros from /big and posts 2 MiB to /sink, timing both.
 * Needs the "net" set.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include <rump/netconfig.h>
#include <rump/rump.h>
#include <rump/rump_syscalls.h>

/* After the rump headers: it uses their types. */
#include <rumpxen/nb_abi.h>

#include "guest_test.h"

#define RESULT_TIMEOUT_NS (240 * NSEC_PER_SEC)

/* Waits for dom0's verdict in the xenstore key path. */
static int
wait_result(const char *path, char *buf, size_t size)
{
    uint64_t deadline = time_now_ns() + RESULT_TIMEOUT_NS;

    while (time_now_ns() < deadline) {
        if (xs_read(XS_TX_NONE, path, buf, size) >= 0)
            return 0;
        sched_sleep_until(time_now_ns() + 200 * NSEC_PER_MSEC);
    }
    return -1;
}

/* --- a small HTTP server on NetBSD's TCP -----------------------------------
 */

#define HTTP_LINES 400

/* NetBSD's struct pollfd. */
struct pollfd {
    int fd;
    short events;
    short revents;
};

/* GET /big: BIG_SIZE zero bytes, for dom0 to time. */
#define BIG_SIZE (2u << 20)

static char page[HTTP_LINES * 25 + 1];
static const char zeros[32768];
static size_t page_len;
static int http_serving, http_served, http_errors, http_errno;

/* The page dom0 expects: HTTP_LINES numbered lines of 25 bytes. */
static void
make_page(void)
{
    for (int i = 0; i < HTTP_LINES; i++)
        page_len +=
            (size_t)fmt_snprintf(page + page_len, sizeof(page) - page_len,
                                 "rumpxen httpd line %04d\n", i);
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

/* The value of header name (lower case, with its ':') in req, or -1. */
static long
header_long(const char *req, size_t len, const char *name)
{
    size_t nl = strlen(name);

    for (size_t i = 0; i + nl < len; i++) {
        size_t k = 0;
        long v = 0;

        while (k < nl && (req[i + k] | 0x20) == name[k])
            k++;
        if (k < nl)
            continue;
        for (i += nl; i < len && req[i] == ' '; i++)
            ;
        for (; i < len && req[i] >= '0' && req[i] <= '9' && v < (1L << 40); i++)
            v = v * 10 + (req[i] - '0');
        return v;
    }
    return -1;
}

/* POST /sink: reads and drops the body, answers "got N" (dom0 times it). */
static int
serve_sink(int fd, const char *req, size_t got, size_t body_at)
{
    static char sink[32768];
    long want = header_long(req, body_at, "content-length:");
    size_t have = got - body_at;
    char head[128], msg[32];
    int hlen, mlen;

    if (want < 0)
        return -1;
    while (have < (size_t)want) {
        ssize_t n = rump_sys_read(fd, sink, sizeof(sink));

        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    mlen = fmt_snprintf(msg, sizeof(msg), "got %zu\n", have);
    hlen = fmt_snprintf(head, sizeof(head),
                        "HTTP/1.0 200 OK\r\nContent-Length: %d\r\n"
                        "Connection: close\r\n\r\n",
                        mlen);
    if (nb_write_all(fd, head, (size_t)hlen) < 0)
        return -1;
    return nb_write_all(fd, msg, (size_t)mlen);
}

/* Reads the request up to its blank line, answers with the page. */
static void
serve_one(int fd)
{
    char req[1024], head[128];
    size_t got = 0, body_at = 0;
    int hlen, big, rc;

    while (got < sizeof(req) - 1) {
        ssize_t n = rump_sys_read(fd, req + got, sizeof(req) - 1 - got);

        if (n <= 0)
            break;
        got += (size_t)n;
        req[got] = '\0';
        if ((body_at = headers_end(req, got)) > 0)
            break;
    }
    if (body_at > 0 && strncmp(req, "POST /sink ", 11) == 0) {
        if (serve_sink(fd, req, got, body_at) < 0)
            http_errors++;
        else
            http_served++;
        return;
    }
    if (got < 4 || strncmp(req, "GET ", 4) != 0) {
        http_errors++;
        return;
    }
    big = strncmp(req, "GET /big ", 9) == 0;
    hlen = fmt_snprintf(head, sizeof(head),
                        "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                        "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                        big ? (size_t)BIG_SIZE : page_len);
    rc = nb_write_all(fd, head, (size_t)hlen);
    for (size_t left = big ? BIG_SIZE : 0; rc == 0 && left > 0;) {
        size_t n = left < sizeof(zeros) ? left : sizeof(zeros);

        rc = nb_write_all(fd, zeros, n);
        left -= n;
    }
    if (rc == 0 && !big)
        rc = nb_write_all(fd, page, page_len);
    if (rc < 0)
        http_errors++;
    else
        http_served++;
}

/* Accepts connections on port 80 one after another while http_serving. */
static void
http_thread(void *arg)
{
    int ls = *(int *)arg;

    while (http_serving) {
        struct pollfd p = {ls, NB_POLLIN, 0};
        int fd;

        if (rump_sys_poll(&p, 1, 200) <= 0)
            continue;
        fd = rump_sys_accept(ls, NULL, NULL);
        if (fd < 0) {
            http_errno = hypercall_errno();
            http_errors++;
            continue;
        }
        serve_one(fd);
        rump_sys_close(fd);
    }
}

static int
http_listen(void)
{
    struct nb_sockaddr_in sa = {
        .sin_len = sizeof(sa),
        .sin_family = RUMP_AF_INET,
        .sin_port = (uint16_t)(80 << 8), /* htons(80) */
    };
    int one = 1, ls = rump_sys_socket(RUMP_AF_INET, RUMP_SOCK_STREAM, 0);

    if (ls < 0)
        return -1;
    if (rump_sys_setsockopt(ls, RUMP_SOL_SOCKET, RUMP_SO_REUSEADDR, &one,
                            sizeof(one)) != 0 ||
        rump_sys_bind(ls, (const struct sockaddr *)&sa, sizeof(sa)) != 0 ||
        rump_sys_listen(ls, 64) != 0) {
        rump_sys_close(ls);
        return -1;
    }
    return ls;
}

/* Serves the page while dom0 fetches it; dom0's verdict in result. */
static void
http_test(const char *ip)
{
    char result[256];
    struct thread *t;
    int err, ls = http_listen();

    EXPECT(ls >= 0);
    if (ls < 0) {
        console_printf("rumpnet: can not listen on port 80: errno %d\n",
                       hypercall_errno());
        return;
    }
    make_page();
    http_serving = 1;
    t = sched_create("httpd", http_thread, &ls, 0, SCHED_JOINABLE, &err);
    EXPECT(t != NULL);
    console_printf("rumpnet: serving %zu bytes at http://%s/\n", page_len, ip);
    EXPECT(xs_write(XS_TX_NONE, "data/net-http", ip) == 0);
    EXPECT(wait_result("data/net-http-result", result, sizeof(result)) == 0);
    http_serving = 0;
    if (t)
        (void)sched_join(t);
    rump_sys_close(ls);
    console_printf("rumpnet: dom0 says: %s\n", result);
    console_printf("rumpnet: served %d requests, %d errors (last errno %d)\n",
                   http_served, http_errors, http_errno);
    EXPECT(strncmp(result, "ok;", 3) == 0);
    EXPECT(http_served >= 152 && http_errors == 0);
}

int
main(void)
{
    const struct config *c = config_get();
    char result[256];
    const char *ip;

    /* The configuration's xenif0, created and addressed before main. */
    EXPECT(c->nnet == 1 && c->net[0].unit == 0 && !c->net[0].inet6 &&
           c->net[0].method == CONFIG_STATIC);
    if (c->nnet != 1) {
        console_printf("rumpnet: boot me with net.xenif0=ADDR/PREFIX --\n");
        return test_done("rumpnet");
    }
    ip = c->net[0].addr;
    EXPECT(rump_pub_netconfig_ifcreate("xenif0") != 0); /* exists */
    EXPECT(rump_pub_netconfig_ifcreate("xenif7") != 0); /* no such vif */
    console_printf("rumpnet: xenif0 is %s/%u; asking dom0 to ping\n", ip,
                   c->net[0].prefix);
    EXPECT(xs_write(XS_TX_NONE, "data/net-ping", ip) == 0);
    EXPECT(wait_result("data/net-result", result, sizeof(result)) == 0);
    console_printf("rumpnet: dom0 says: %s\n", result);
    EXPECT(strncmp(result, "ok;", 3) == 0);
    http_test(ip);
    return test_done("rumpnet");
}
