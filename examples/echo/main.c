/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP and UDP echo server (RFC 862) on NetBSD's TCP/IP, calling the rump
 * kernel's system calls directly (no libc): TCP connections are served by a
 * pool of worker threads (each its own rump lwp in one rump process), UDP
 * datagrams by one more thread; IPv4 and IPv6 alike. It configures no
 * network itself (the guest's configuration does, before main). With -x,
 * a UDP datagram "exit N" stops it and main returns N (for tests).
 *
 * Usage: echo [-p PORT] [-w WORKERS] [-x]   (port 7, 4 TCP workers)
 */
#include <rumpxen/console.h>
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

#define ECHO_WORKERS_MAX 64
#define ECHO_BUF 16384

static int tcp_fd = -1, udp_fd = -1;
static pid_t server_pid;
static volatile int stopping;
static int exit_status, allow_exit;
static unsigned long tcp_conns, tcp_bytes, udp_dgrams, errors;

/* A TCP worker: echoes each accepted connection until its peer closes. */
static void
tcp_worker(void *arg)
{
    static __thread char buf[ECHO_BUF];
    int one = 1, err;

    (void)arg;
    if ((err = rump_pub_lwproc_newlwp(server_pid)) != 0) {
        console_printf("echo: worker: no lwp (error %d)\n", err);
        return;
    }
    while (!stopping) {
        int fd = rump_sys_accept(tcp_fd, NULL, NULL);
        ssize_t n;

        if (fd < 0) {
            if (!stopping)
                errors++;
            continue;
        }
        tcp_conns++;
        (void)rump_sys_setsockopt(fd, RUMP_IPPROTO_TCP, RUMP_TCP_NODELAY, &one,
                                  sizeof(one));
        while ((n = rump_sys_read(fd, buf, sizeof(buf))) > 0) {
            if (nb_write_all(fd, buf, (size_t)n) < 0)
                break;
            tcp_bytes += (unsigned long)n;
        }
        if (n < 0)
            errors++;
        rump_sys_close(fd);
    }
    rump_pub_lwproc_releaselwp();
}

/* "exit N" (N 0-255), with -x: sets the status and stops the server. */
static int
is_exit(const char *p, ssize_t n)
{
    int v = 0;

    if (!allow_exit || n < 6 || n > 9 || strncmp(p, "exit ", 5) != 0)
        return 0;
    for (ssize_t i = 5; i < n && p[i] != '\n'; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    if (v > 255)
        return 0;
    exit_status = v;
    return 1;
}

/* The UDP thread: echoes each datagram to its sender. */
static void
udp_worker(void *arg)
{
    static __thread char buf[ECHO_BUF];
    struct nb_sockaddr_in6 from;
    int err;

    (void)arg;
    if ((err = rump_pub_lwproc_newlwp(server_pid)) != 0) {
        console_printf("echo: udp: no lwp (error %d)\n", err);
        return;
    }
    while (!stopping) {
        unsigned int flen = sizeof(from);
        ssize_t n = rump_sys_recvfrom(udp_fd, buf, sizeof(buf), 0,
                                      (void *)&from, &flen);
        int stop;

        if (n < 0)
            continue; /* the receive timeout: look at stopping again */
        stop = is_exit(buf, n);
        if (stop)
            memcpy(buf, "bye\n", (size_t)(n = 4));
        if (rump_sys_sendto(udp_fd, buf, (size_t)n, 0, (const void *)&from,
                            flen) != n)
            errors++;
        udp_dgrams++;
        if (stop)
            stopping = 1;
    }
    rump_pub_lwproc_releaselwp();
}

/* A socket of type bound to port for IPv6 and IPv4 alike, or -1. */
static int
echo_socket(int type, unsigned int port)
{
    struct nb_sockaddr_in6 sa = {
        .sin6_len = sizeof(sa),
        .sin6_family = RUMP_AF_INET6,
        .sin6_port = (uint16_t)((port >> 8) | ((port & 0xff) << 8)),
    };
    struct nb_timeval tv = {0, 200000};
    int one = 1, zero = 0;
    int fd = rump_sys_socket(RUMP_AF_INET6, type, 0);

    if (fd < 0)
        return -1;
    if (rump_sys_setsockopt(fd, RUMP_SOL_SOCKET, RUMP_SO_REUSEADDR, &one,
                            sizeof(one)) != 0 ||
        rump_sys_setsockopt(fd, RUMP_IPPROTO_IPV6, NB_IPV6_V6ONLY, &zero,
                            sizeof(zero)) != 0 ||
        rump_sys_bind(fd, (const void *)&sa, sizeof(sa)) != 0 ||
        (type == RUMP_SOCK_STREAM && rump_sys_listen(fd, 128) != 0) ||
        (type == RUMP_SOCK_DGRAM &&
         rump_sys_setsockopt(fd, RUMP_SOL_SOCKET, RUMP_SO_RCVTIMEO, &tv,
                             sizeof(tv)) != 0)) {
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
    long v = 0;

    if (*i + 1 >= argc)
        return -1;
    for (p = argv[++*i]; *p >= '0' && *p <= '9' && v <= max; p++)
        v = v * 10 + (*p - '0');
    return *p == '\0' && p != argv[*i] && v <= max ? v : -1;
}

int
main(int argc, char **argv)
{
    const struct netfront *nic0;
    static struct thread *threads[ECHO_WORKERS_MAX + 1];
    long port = 7, nworkers = 4;
    int err;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0)
            port = option_value(argc, argv, &i, 65535);
        else if (strcmp(argv[i], "-w") == 0)
            nworkers = option_value(argc, argv, &i, ECHO_WORKERS_MAX);
        else if (strcmp(argv[i], "-x") == 0)
            allow_exit = 1;
        else if (strchr(argv[i], '=') == NULL && strcmp(argv[i], "--") != 0)
            port = -1;
        if (port < 1 || nworkers < 1) {
            console_printf("usage: echo [-p PORT] [-w WORKERS (1-%d)] [-x]\n",
                           ECHO_WORKERS_MAX);
            return 2;
        }
    }
    if ((err = rump_pub_lwproc_rfork(RUMP_RFCFDG)) != 0) {
        console_printf("echo: rfork: error %d\n", err);
        return 1;
    }
    server_pid = rump_sys_getpid();
    tcp_fd = echo_socket(RUMP_SOCK_STREAM, (unsigned int)port);
    udp_fd = echo_socket(RUMP_SOCK_DGRAM, (unsigned int)port);
    if (tcp_fd < 0 || udp_fd < 0) {
        console_printf("echo: can not bind port %ld: errno %d\n", port,
                       hypercall_errno());
        return 1;
    }
    for (long i = 0; i <= nworkers; i++) {
        threads[i] = sched_create(i == 0 ? "echo-udp" : "echo-tcp",
                                  i == 0 ? udp_worker : tcp_worker, NULL, 0,
                                  SCHED_JOINABLE, &err);
        if (threads[i] == NULL) {
            console_printf("echo: no thread (%d)\n", err);
            return 1;
        }
    }
    console_printf("echo: TCP and UDP port %ld (IPv4 and IPv6), %ld TCP "
                   "workers\n",
                   port, nworkers);
    while (!stopping)
        sched_sleep_until(time_now_ns() + 100 * NSEC_PER_MSEC);
    rump_sys_close(tcp_fd);
    for (long i = 0; i <= nworkers; i++)
        (void)sched_join(threads[i]);
    rump_sys_close(udp_fd);
    nic0 = netfront_find(0);
    if (nic0 != NULL)
        netfront_print_tx_stats(nic0, "echo");
    console_printf("echo: %lu TCP connections, %lu bytes; %lu UDP datagrams; "
                   "%lu errors; exit %d\n",
                   tcp_conns, tcp_bytes, udp_dgrams, errors, exit_status);
    return exit_status;
}
