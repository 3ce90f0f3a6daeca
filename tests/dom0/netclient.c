/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netclient: the network test and benchmark client that runs in the
 * appliance's dom0 (a static Linux program built on the host, shipped with
 * xenrun --dom0-file). One process makes many requests, so a thousand
 * fetches cost no thousand process starts under emulation. Checks every
 * byte it gets back and prints one summary line per command; exits 0 only
 * if nothing failed. Not a guest program: glibc and POSIX sockets.
 *
 *   netclient wait ADDR PORT SECS          until a TCP connect succeeds
 *   netclient http ADDR PORT PATH COUNT CONC CHECK
 *       COUNT GETs of PATH, CONC connections at once; CHECK is "pattern"
 *       (the body must be examples/httpd's pattern, as long as PATH's
 *       number), "text:STRING" (the body holds STRING) or "-" (status 200)
 *   netclient post ADDR PORT PATH BYTES    POST of BYTES, wants "got BYTES"
 *   netclient connect ADDR PORT COUNT CONC connect and close, COUNT times
 *   netclient tcpecho ADDR PORT BYTES CONC each connection sends BYTES and
 *                                          reads them back
 *   netclient udpecho ADDR PORT COUNT SIZE datagrams one by one, echoed
 *   netclient udpsend ADDR PORT TEXT       one datagram; prints the answer
 *   netclient ra IFNAME PREFIX SECS        router advertisements (below)
 *
 * ADDR is a numeric IPv4 or IPv6 address (IPv6 link-local: ADDR%IFNAME).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IO_TIMEOUT_S 20
#define PAGE_LINES 400
#define LINE_LEN 25
#define PAGE_LEN (PAGE_LINES * LINE_LEN)

static struct sockaddr_storage target;
static socklen_t target_len;
static char page[PAGE_LEN + 1];
/* The next local TCP port (see dial); shared by the threads. */
static unsigned int next_port;
static const char *port_file;

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* examples/httpd's pattern: byte i is page[i % PAGE_LEN]. */
static void
make_page(void)
{
    for (int i = 0; i < PAGE_LINES; i++)
        snprintf(page + i * LINE_LEN, LINE_LEN + 1, "rumpxen httpd line %04d\n",
                 i);
}

static int
set_target(const char *addr, const char *port)
{
    struct sockaddr_in *in4 = (struct sockaddr_in *)&target;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&target;
    char host[INET6_ADDRSTRLEN + IF_NAMESIZE + 2], *pct;
    long p = strtol(port, NULL, 10);

    if (p < 1 || p > 65535 || strlen(addr) >= sizeof(host))
        return -1;
    strcpy(host, addr);
    memset(&target, 0, sizeof(target));
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)p);
        target_len = sizeof(*in4);
        return 0;
    }
    if ((pct = strchr(host, '%')) != NULL) {
        *pct++ = '\0';
        in6->sin6_scope_id = if_nametoindex(pct);
        if (in6->sin6_scope_id == 0)
            return -1;
    }
    if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
        return -1;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)p);
    target_len = sizeof(*in6);
    return 0;
}

/*
 * Binds a TCP socket to the next port of PORT_FIRST..PORT_LAST, in turn
 * across runs (the next one is kept in port_file): Linux's own choice
 * reuses a port within seconds, and NetBSD, which holds the server's side
 * of each closed connection in TIME_WAIT, then resets a new connection
 * from that port now and then (README: Network interfaces).
 */
#define PORT_FIRST 20000
#define PORT_LAST 60999

static int
bind_next_port(int fd)
{
    for (int tries = 0; tries < 100; tries++) {
        struct sockaddr_storage me;
        unsigned int p = __atomic_fetch_add(&next_port, 1, __ATOMIC_RELAXED);

        memset(&me, 0, sizeof(me));
        me.ss_family = target.ss_family;
        p = PORT_FIRST + p % (PORT_LAST - PORT_FIRST + 1);
        if (target.ss_family == AF_INET)
            ((struct sockaddr_in *)&me)->sin_port = htons((uint16_t)p);
        else
            ((struct sockaddr_in6 *)&me)->sin6_port = htons((uint16_t)p);
        if (bind(fd, (struct sockaddr *)&me, target_len) == 0)
            return 0;
    }
    return -1;
}

static void
ports_load(void)
{
    FILE *f;

    port_file = getenv("NETCLIENT_PORTS");
    if (port_file == NULL)
        port_file = "/tmp/netclient.port";
    f = fopen(port_file, "r");
    if (f != NULL) {
        if (fscanf(f, "%u", &next_port) != 1)
            next_port = 0;
        fclose(f);
    }
}

static void
ports_save(void)
{
    FILE *f = fopen(port_file, "w");

    if (f != NULL) {
        fprintf(f, "%u\n", next_port % (PORT_LAST - PORT_FIRST + 1));
        fclose(f);
    }
}

/* A connected socket with I/O timeouts, or -1 (errno set). */
static int
dial(int type)
{
    struct timeval tv = {IO_TIMEOUT_S, 0};
    int one = 1;
    int fd = socket(target.ss_family, type, 0);

    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (type == SOCK_STREAM) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        if (bind_next_port(fd) != 0) {
            close(fd);
            return -1;
        }
    }
    if (connect(fd, (struct sockaddr *)&target, target_len) != 0) {
        int e = errno;

        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static int
write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* --- statistics --------------------------------------------------------- */

struct stats {
    pthread_mutex_t lock;
    double *lat; /* seconds per operation, ok ones */
    long nlat, ok, bad;
    double bytes;
    char first_error[160];
};

static struct stats st = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void
record(double lat, double bytes, const char *error)
{
    pthread_mutex_lock(&st.lock);
    if (error == NULL) {
        st.lat[st.nlat++] = lat;
        st.ok++;
        st.bytes += bytes;
    } else {
        if (st.bad++ == 0)
            snprintf(st.first_error, sizeof(st.first_error), "%s", error);
    }
    pthread_mutex_unlock(&st.lock);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double
pct(double p)
{
    if (st.nlat == 0)
        return 0;
    return st.lat[(long)(p * (double)(st.nlat - 1) + 0.5)] * 1e3;
}

/* Prints the summary line of a run of COUNT operations over secs. */
static int
report(const char *what, long count, long conc, double secs)
{
    qsort(st.lat, (size_t)st.nlat, sizeof(double), cmp_double);
    printf("%s: %ld of %ld ok, %ld bad, %ld at once, %.2f s, %.1f/s, "
           "%.2f MB/s, latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f%s%s\n",
           what, st.ok, count, st.bad, conc, secs, (double)st.ok / secs,
           st.bytes / secs / 1e6, pct(0.5), pct(0.9), pct(0.99), pct(1.0),
           st.bad ? "; first error: " : "", st.bad ? st.first_error : "");
    return st.bad == 0 && st.ok == count ? 0 : 1;
}

/* --- HTTP --------------------------------------------------------------- */

enum check { CHECK_NONE, CHECK_PATTERN, CHECK_TEXT };

struct job {
    const char *path;
    long count; /* operations of this thread */
    enum check check;
    const char *text;
    long want_len;
    long bytes; /* tcpecho: per connection; post: body size */
    int (*op)(struct job *, double *bytes, char *err, size_t errlen);
};

/* Whether buf holds a whole response: headers and Content-Length bytes. */
static int
response_complete(const char *buf, size_t len)
{
    const char *end = memmem(buf, len, "\r\n\r\n", 4), *cl;

    if (end == NULL)
        return 0;
    cl = memmem(buf, (size_t)(end - buf), "Content-Length:", 15);
    return cl != NULL &&
           len - (size_t)(end + 4 - buf) >= strtoul(cl + 15, NULL, 10);
}

/*
 * Reads the response into a new buffer: until the server closes, or until
 * Content-Length bytes came, then the client closes first (so the
 * connection's TIME_WAIT is kept here, not in the server: README).
 */
static char *
read_response(int fd, size_t *lenp, char *err, size_t errlen)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);

    while (buf != NULL) {
        ssize_t n;

        if (len == cap) {
            char *nb = realloc(buf, cap * 2);

            if (nb == NULL)
                break;
            buf = nb;
            cap *= 2;
        }
        n = read(fd, buf + len, cap - len);
        if (n == 0) {
            *lenp = len;
            return buf;
        }
        if (n < 0) {
            snprintf(err, errlen, "read after %zu bytes: %s", len,
                     strerror(errno));
            free(buf);
            return NULL;
        }
        len += (size_t)n;
        if (response_complete(buf, len)) {
            *lenp = len;
            return buf;
        }
    }
    free(buf);
    snprintf(err, errlen, "out of memory");
    return NULL;
}

/* Checks status 200, Content-Length and the body as j->check says. */
static int
check_response(struct job *j, const char *buf, size_t len, char *err,
               size_t errlen)
{
    const char *body = memmem(buf, len, "\r\n\r\n", 4), *cl;
    size_t blen;

    if (len < 12 || strncmp(buf, "HTTP/1.", 7) != 0 ||
        strncmp(buf + 8, " 200", 4) != 0) {
        snprintf(err, errlen, "not a 200 response (%zu bytes: %.40s)", len,
                 buf);
        return -1;
    }
    if (body == NULL) {
        snprintf(err, errlen, "no end of headers");
        return -1;
    }
    body += 4;
    blen = len - (size_t)(body - buf);
    cl = memmem(buf, (size_t)(body - buf), "Content-Length:", 15);
    if (cl == NULL)
        cl = memmem(buf, (size_t)(body - buf), "content-length:", 15);
    if (cl != NULL && strtoul(cl + 15, NULL, 10) != blen) {
        snprintf(err, errlen, "body %zu bytes, Content-Length %lu", blen,
                 strtoul(cl + 15, NULL, 10));
        return -1;
    }
    if (j->check == CHECK_PATTERN) {
        if ((long)blen != j->want_len) {
            snprintf(err, errlen, "body %zu bytes, want %ld", blen,
                     j->want_len);
            return -1;
        }
        for (size_t i = 0; i < blen; i++)
            if (body[i] != page[i % PAGE_LEN]) {
                snprintf(err, errlen, "body differs at byte %zu", i);
                return -1;
            }
    } else if (j->check == CHECK_TEXT &&
               memmem(body, blen, j->text, strlen(j->text)) == NULL) {
        snprintf(err, errlen, "body lacks \"%s\"", j->text);
        return -1;
    }
    return 0;
}

static int
op_http(struct job *j, double *bytes, char *err, size_t errlen)
{
    char req[512];
    size_t len;
    char *buf;
    int fd = dial(SOCK_STREAM), rc;

    if (fd < 0) {
        snprintf(err, errlen, "connect: %s", strerror(errno));
        return -1;
    }
    snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: guest\r\n\r\n",
             j->path);
    if (write_all(fd, req, strlen(req)) < 0) {
        snprintf(err, errlen, "write: %s", strerror(errno));
        close(fd);
        return -1;
    }
    buf = read_response(fd, &len, err, errlen);
    close(fd);
    if (buf == NULL)
        return -1;
    rc = check_response(j, buf, len, err, errlen);
    *bytes = (double)len;
    free(buf);
    return rc;
}

static int
op_post(struct job *j, double *bytes, char *err, size_t errlen)
{
    char head[512], want[64];
    size_t len;
    char *buf;
    int fd = dial(SOCK_STREAM), rc = 0;

    if (fd < 0) {
        snprintf(err, errlen, "connect: %s", strerror(errno));
        return -1;
    }
    snprintf(head, sizeof(head),
             "POST %s HTTP/1.0\r\nHost: guest\r\nContent-Length: %ld\r\n\r\n",
             j->path, j->bytes);
    rc = write_all(fd, head, strlen(head));
    for (long off = 0; rc == 0 && off < j->bytes; off += PAGE_LEN) {
        long n = j->bytes - off < PAGE_LEN ? j->bytes - off : PAGE_LEN;

        rc = write_all(fd, page, (size_t)n);
    }
    if (rc != 0) {
        snprintf(err, errlen, "write: %s", strerror(errno));
        close(fd);
        return -1;
    }
    buf = read_response(fd, &len, err, errlen);
    close(fd);
    if (buf == NULL)
        return -1;
    snprintf(want, sizeof(want), "got %ld\n", j->bytes);
    j->check = CHECK_TEXT;
    j->text = want;
    rc = check_response(j, buf, len, err, errlen);
    *bytes = (double)j->bytes;
    free(buf);
    return rc;
}

static int
op_connect(struct job *j, double *bytes, char *err, size_t errlen)
{
    int fd = dial(SOCK_STREAM);

    (void)j;
    *bytes = 0;
    if (fd < 0) {
        snprintf(err, errlen, "connect: %s", strerror(errno));
        return -1;
    }
    close(fd);
    return 0;
}

/* Sends j->bytes of the pattern and reads them back, interleaved. */
static int
op_tcpecho(struct job *j, double *bytes, char *err, size_t errlen)
{
    static __thread char in[PAGE_LEN];
    long sent = 0, got = 0;
    int fd = dial(SOCK_STREAM);

    if (fd < 0) {
        snprintf(err, errlen, "connect: %s", strerror(errno));
        return -1;
    }
    while (got < j->bytes) {
        struct pollfd p = {fd, POLLIN | (sent < j->bytes ? POLLOUT : 0), 0};
        ssize_t n;

        if (poll(&p, 1, IO_TIMEOUT_S * 1000) <= 0) {
            snprintf(err, errlen, "no progress for %d s at %ld of %ld",
                     IO_TIMEOUT_S, got, j->bytes);
            close(fd);
            return -1;
        }
        if ((p.revents & POLLOUT) && sent < j->bytes) {
            long off = sent % PAGE_LEN, n2 = PAGE_LEN - off;

            if (n2 > j->bytes - sent)
                n2 = j->bytes - sent;
            n = send(fd, page + off, (size_t)n2, MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            if (sent == j->bytes)
                shutdown(fd, SHUT_WR);
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            n = recv(fd, in, sizeof(in), MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN)) {
                snprintf(err, errlen, "echo ended at %ld of %ld", got,
                         j->bytes);
                close(fd);
                return -1;
            }
            for (ssize_t i = 0; i < n; i++)
                if (in[i] != page[(got + i) % PAGE_LEN]) {
                    snprintf(err, errlen, "echo differs at byte %ld",
                             got + (long)i);
                    close(fd);
                    return -1;
                }
            if (n > 0)
                got += n;
        }
    }
    close(fd);
    *bytes = (double)(sent + got);
    return 0;
}

static void *
run_job(void *arg)
{
    struct job *j = arg;

    for (long i = 0; i < j->count; i++) {
        char err[160] = "";
        double bytes = 0, t0 = now_s();
        int rc = j->op(j, &bytes, err, sizeof(err));

        record(now_s() - t0, bytes, rc == 0 ? NULL : err);
    }
    return NULL;
}

/* Runs count operations of tmpl over conc threads; prints the summary. */
static int
run_parallel(const char *what, struct job *tmpl, long count, long conc)
{
    pthread_t *th = calloc((size_t)conc, sizeof(*th));
    struct job *jobs = calloc((size_t)conc, sizeof(*jobs));
    double t0;

    st.lat = calloc((size_t)count + 1, sizeof(double));
    if (th == NULL || jobs == NULL || st.lat == NULL)
        return 2;
    t0 = now_s();
    for (long i = 0; i < conc; i++) {
        jobs[i] = *tmpl;
        jobs[i].count = count / conc + (i < count % conc);
        if (pthread_create(&th[i], NULL, run_job, &jobs[i]) != 0) {
            fprintf(stderr, "netclient: pthread_create failed\n");
            return 2;
        }
    }
    for (long i = 0; i < conc; i++)
        pthread_join(th[i], NULL);
    return report(what, count, conc, now_s() - t0);
}

/* --- UDP echo ----------------------------------------------------------- */

static int
udpecho(long count, long size)
{
    char out[1500], in[1600];
    int fd = dial(SOCK_DGRAM);
    struct timeval tv = {1, 0};
    double t0 = now_s();

    if (fd < 0 || size < 8 || size > (long)sizeof(out)) {
        fprintf(stderr, "netclient: udpecho: %s\n",
                fd < 0 ? strerror(errno) : "SIZE must be 8-1500");
        return 2;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    st.lat = calloc((size_t)count + 1, sizeof(double));
    for (long i = 0; i < count; i++) {
        double s = now_s();
        int done = 0;

        snprintf(out, sizeof(out), "%08lx", i);
        for (long k = 8; k < size; k++)
            out[k] = page[(i + k) % PAGE_LEN];
        /* Three tries: a datagram may be lost; a wrong one is an error. */
        for (int t = 0; t < 3 && !done; t++) {
            ssize_t n;

            if (send(fd, out, (size_t)size, 0) != size)
                break;
            while ((n = recv(fd, in, sizeof(in), 0)) > 0) {
                if (n == size && memcmp(in, out, (size_t)size) == 0) {
                    done = 1;
                    break;
                }
                if (n != size || memcmp(in, out, 8) != 0) {
                    done = -1;
                    break;
                }
            }
        }
        record(now_s() - s, done > 0 ? 2.0 * (double)size : 0,
               done > 0   ? NULL
               : done < 0 ? "a wrong datagram came back"
                          : "no echo after 3 tries");
    }
    close(fd);
    return report("udpecho", count, 1, now_s() - t0);
}

static int
udpsend(const char *text)
{
    char in[1600];
    int fd = dial(SOCK_DGRAM);
    struct timeval tv = {1, 0};
    ssize_t n = -1;

    if (fd < 0)
        return 2;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    for (int t = 0; t < 3 && n < 0; t++)
        if (send(fd, text, strlen(text), 0) >= 0)
            n = recv(fd, in, sizeof(in) - 1, 0);
    close(fd);
    if (n < 0) {
        printf("udpsend: no answer\n");
        return 1;
    }
    in[n] = '\0';
    printf("udpsend: answer %s", in);
    return 0;
}

static int
wait_up(long secs)
{
    double end = now_s() + (double)secs;

    while (now_s() < end) {
        int fd = dial(SOCK_STREAM);

        if (fd >= 0) {
            close(fd);
            return 0;
        }
        usleep(200000);
    }
    printf("wait: no TCP connection in %ld s\n", secs);
    return 1;
}

static long
num(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "netclient: '%s' is not a number %ld-%ld\n", s, lo, hi);
        exit(2);
    }
    return v;
}

/*
 * ra: for SECS seconds, answers each Router Solicitation on IFNAME with a
 * Router Advertisement (RFC 4861) to all nodes, with dom0 as a default
 * router and PREFIX/64 on-link and for stateless address
 * autoconfiguration: the few lines of radvd the IPv6 autoconfiguration
 * test needs. Sends nothing unasked, so a guest gets its address only
 * by soliciting. Prints a line per answer (line-buffered: the caller may
 * kill it) and a summary. Exits 0 if it answered at least one.
 */
static int
router_adverts(const char *ifname, const char *prefix, long secs)
{
    struct {
        struct nd_router_advert ra;
        struct nd_opt_prefix_info pi;
    } pkt = {0};
    struct sockaddr_in6 to = {.sin6_family = AF_INET6};
    struct ipv6_mreq mr = {.ipv6mr_interface = if_nametoindex(ifname)};
    unsigned int idx = mr.ipv6mr_interface;
    int hops = 255, fd;
    long asked = 0, sent = 0;
    double end = now_s() + (double)secs;

    _Static_assert(sizeof(pkt) == 48, "RA with one prefix option");
    if (idx == 0 ||
        inet_pton(AF_INET6, prefix, &pkt.pi.nd_opt_pi_prefix) != 1) {
        fprintf(stderr, "netclient: ra: bad interface %s or prefix %s\n",
                ifname, prefix);
        return 2;
    }
    pkt.ra.nd_ra_type = ND_ROUTER_ADVERT;
    pkt.ra.nd_ra_curhoplimit = 64;
    pkt.ra.nd_ra_router_lifetime = htons(1800);
    pkt.pi.nd_opt_pi_type = ND_OPT_PREFIX_INFORMATION;
    pkt.pi.nd_opt_pi_len = 4; /* units of 8 bytes */
    pkt.pi.nd_opt_pi_prefix_len = 64;
    pkt.pi.nd_opt_pi_flags_reserved =
        ND_OPT_PI_FLAG_ONLINK | ND_OPT_PI_FLAG_AUTO;
    pkt.pi.nd_opt_pi_valid_time = htonl(3600);
    pkt.pi.nd_opt_pi_preferred_time = htonl(1800);
    inet_pton(AF_INET6, "ff02::1", &to.sin6_addr);
    to.sin6_scope_id = idx;
    /* Solicitations go to all routers (ff02::2), which a Linux host that
     * does not forward has not joined. The kernel fills in the ICMPv6
     * checksum of a raw ICMPv6 socket. */
    inet_pton(AF_INET6, "ff02::2", &mr.ipv6mr_multiaddr);
    fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
    if (fd < 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr, sizeof(mr)) ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &idx, sizeof(idx)) ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
                   sizeof(hops))) {
        fprintf(stderr, "netclient: ra: %s\n", strerror(errno));
        return 1;
    }
    while (now_s() < end) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        struct sockaddr_in6 from;
        socklen_t flen = sizeof(from);
        uint8_t buf[1500];
        ssize_t n;

        if (poll(&pfd, 1, 250) <= 0)
            continue;
        n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n < 8 || buf[0] != ND_ROUTER_SOLICIT || from.sin6_scope_id != idx)
            continue;
        asked++;
        if (sendto(fd, &pkt, sizeof(pkt), 0, (struct sockaddr *)&to,
                   sizeof(to)) == (ssize_t)sizeof(pkt)) {
            char a[INET6_ADDRSTRLEN];

            sent++;
            printf("ra: answered a router solicitation from %s\n",
                   inet_ntop(AF_INET6, &from.sin6_addr, a, sizeof(a)));
        }
    }
    close(fd);
    printf("ra: %ld router solicitations on %s, %ld answered with %s/64\n",
           asked, ifname, sent, prefix);
    return sent > 0 ? 0 : 1;
}

static int
usage(void)
{
    fprintf(stderr, "usage: netclient wait ADDR PORT SECS\n"
                    "       netclient http ADDR PORT PATH COUNT CONC "
                    "pattern|text:STRING|-\n"
                    "       netclient post ADDR PORT PATH BYTES\n"
                    "       netclient connect ADDR PORT COUNT CONC\n"
                    "       netclient tcpecho ADDR PORT BYTES CONC\n"
                    "       netclient udpecho ADDR PORT COUNT SIZE\n"
                    "       netclient udpsend ADDR PORT TEXT\n"
                    "       netclient ra IFNAME PREFIX SECS\n");
    return 2;
}

int
main(int argc, char **argv)
{
    struct job j = {0};
    const char *cmd;

    if (argc < 5)
        return usage();
    cmd = argv[1];
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (strcmp(cmd, "ra") == 0)
        return argc == 5
                   ? router_adverts(argv[2], argv[3], num(argv[4], 1, 3600))
                   : usage();
    make_page();
    if (set_target(argv[2], argv[3]) != 0) {
        fprintf(stderr, "netclient: bad address %s port %s\n", argv[2],
                argv[3]);
        return 2;
    }
    ports_load();
    atexit(ports_save);
    if (strcmp(cmd, "wait") == 0)
        return wait_up(num(argv[4], 1, 3600));
    if (strcmp(cmd, "http") == 0 && argc == 8) {
        const char *p = strrchr(argv[4], '/');

        j.path = argv[4];
        j.op = op_http;
        if (strcmp(argv[7], "pattern") == 0) {
            j.check = CHECK_PATTERN;
            j.want_len = p ? strtol(p + 1, NULL, 10) : 0;
        } else if (strncmp(argv[7], "text:", 5) == 0) {
            j.check = CHECK_TEXT;
            j.text = argv[7] + 5;
        }
        return run_parallel("http", &j, num(argv[5], 1, 10000000),
                            num(argv[6], 1, 1000));
    }
    if (strcmp(cmd, "post") == 0 && argc == 6) {
        j.path = argv[4];
        j.bytes = num(argv[5], 0, 1L << 30);
        j.op = op_post;
        return run_parallel("post", &j, 1, 1);
    }
    if (strcmp(cmd, "connect") == 0 && argc == 6) {
        j.op = op_connect;
        return run_parallel("connect", &j, num(argv[4], 1, 10000000),
                            num(argv[5], 1, 1000));
    }
    if (strcmp(cmd, "tcpecho") == 0 && argc == 6) {
        j.op = op_tcpecho;
        j.bytes = num(argv[4], 1, 1L << 32);
        return run_parallel("tcpecho", &j, num(argv[5], 1, 1000),
                            num(argv[5], 1, 1000));
    }
    if (strcmp(cmd, "udpsend") == 0 && argc == 5)
        return udpsend(argv[4]);
    if (strcmp(cmd, "udpecho") == 0 && argc == 6)
        return udpecho(num(argv[4], 1, 10000000), num(argv[5], 8, 1500));
    return usage();
}
