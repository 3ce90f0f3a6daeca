/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib sockets over the rump kernel's loopback (set "net": lo0 at
 * 127.0.0.1): TCP listen/connect/accept/send/recv, UDP sendto/recvfrom,
 * sendmsg/recvmsg, socket options, names, shutdown, an AF_LOCAL
 * socketpair, getaddrinfo/getnameinfo/inet_* on numeric hosts and
 * localhost, errno values that differ between NetBSD and newlib
 * (ECONNREFUSED, EAGAIN, ENOTCONN), and 8 pthreads doing TCP echo at once.
 * Prints "libc-sock: PASS" or what failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static int checks, failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            printf("%s:%d: expected %s (errno %d)\n", __FILE__, __LINE__,      \
                   #cond, errno);                                              \
        }                                                                      \
    } while (0)

#define N_THREADS 8
#define ROUNDS 20

/* A TCP socket listening on 127.0.0.1:port (0: any), its port in *port. */
static int
tcp_listener(uint16_t *port)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    socklen_t len = sizeof(sin);
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

    EXPECT(fd >= 3);
    EXPECT(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(*port);
    EXPECT(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0);
    EXPECT(listen(fd, 16) == 0);
    EXPECT(getsockname(fd, (struct sockaddr *)&sin, &len) == 0);
    EXPECT(len == sizeof(sin) && sin.sin_family == AF_INET &&
           sin.sin_len == sizeof(sin));
    *port = ntohs(sin.sin_port);
    return fd;
}

static int
tcp_connect(uint16_t port)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    sin.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
    if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void
test_tcp(void)
{
    uint16_t port = 0;
    int lfd = tcp_listener(&port), cfd, sfd, one = 1, v;
    struct sockaddr_in peer;
    socklen_t len = sizeof(peer);
    char buf[64];

    EXPECT(port != 0);
    cfd = tcp_connect(port);
    EXPECT(cfd >= 3);
    sfd = accept(lfd, (struct sockaddr *)&peer, &len);
    EXPECT(sfd >= 3 && len == sizeof(peer));
    EXPECT(peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    EXPECT(setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
    len = sizeof(v);
    EXPECT(getsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v != 0);
    len = sizeof(v);
    EXPECT(getsockopt(cfd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 &&
           v == SOCK_STREAM);
    EXPECT(send(cfd, "ping", 4, 0) == 4);
    memset(buf, 0, sizeof(buf));
    EXPECT(recv(sfd, buf, sizeof(buf), 0) == 4 && strcmp(buf, "ping") == 0);
    /* Nothing to read: NetBSD's EAGAIN 35 is newlib's 11. */
    EXPECT(recv(sfd, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN);
    len = sizeof(peer);
    EXPECT(getpeername(cfd, (struct sockaddr *)&peer, &len) == 0 &&
           ntohs(peer.sin_port) == port);
    EXPECT(shutdown(cfd, SHUT_WR) == 0);
    EXPECT(recv(sfd, buf, sizeof(buf), 0) == 0);
    EXPECT(close(cfd) == 0 && close(sfd) == 0 && close(lfd) == 0);
    /* Nobody listens now: NetBSD 61, newlib 111. */
    EXPECT(tcp_connect(port) == -1 && errno == ECONNREFUSED);
    v = socket(AF_INET, SOCK_STREAM, 0);
    len = sizeof(peer);
    EXPECT(getpeername(v, (struct sockaddr *)&peer, &len) == -1 &&
           errno == ENOTCONN);
    close(v);
}

static void
test_udp(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET}, from;
    socklen_t len = sizeof(a);
    int fa = socket(AF_INET, SOCK_DGRAM, 0),
        fb = socket(AF_INET, SOCK_DGRAM, 0);
    char buf[32], part1[3], part2[16];
    struct iovec iov[2] = {{(char *)"dat", 3}, {(char *)"agram", 5}};
    struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT(bind(fa, (struct sockaddr *)&a, sizeof(a)) == 0);
    EXPECT(getsockname(fa, (struct sockaddr *)&a, &len) == 0);
    EXPECT(sendto(fb, "hello udp", 9, 0, (struct sockaddr *)&a, sizeof(a)) ==
           9);
    len = sizeof(from);
    memset(buf, 0, sizeof(buf));
    EXPECT(recvfrom(fa, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) ==
           9);
    EXPECT(strcmp(buf, "hello udp") == 0 && from.sin_family == AF_INET);
    /* Scatter out, gather in, with the sender's address. */
    msg.msg_name = &a;
    msg.msg_namelen = sizeof(a);
    EXPECT(sendmsg(fb, &msg, 0) == 8);
    iov[0] = (struct iovec){part1, sizeof(part1)};
    iov[1] = (struct iovec){part2, sizeof(part2)};
    memset(part2, 0, sizeof(part2));
    msg.msg_name = &from;
    msg.msg_namelen = sizeof(from);
    EXPECT(recvmsg(fa, &msg, 0) == 8);
    EXPECT(memcmp(part1, "dat", 3) == 0 && strcmp(part2, "agram") == 0);
    EXPECT(msg.msg_namelen == sizeof(from) && from.sin_port != 0);
    EXPECT(close(fa) == 0 && close(fb) == 0);
}

/* A stream socket bound to a path on the tmpfs. */
static void
test_local_path(void)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0), cfd, sfd, other;
    char buf[8] = {0};

    strcpy(sun.sun_path, "/tmp/sock");
    EXPECT(lfd >= 3);
    EXPECT(bind(lfd, (struct sockaddr *)&sun, SUN_LEN(&sun)) == 0);
    EXPECT(listen(lfd, 1) == 0);
    cfd = socket(AF_UNIX, SOCK_STREAM, 0);
    EXPECT(connect(cfd, (struct sockaddr *)&sun, sizeof(sun)) == 0);
    sfd = accept(lfd, NULL, NULL);
    EXPECT(sfd >= 3 && send(cfd, "local", 5, 0) == 5);
    EXPECT(recv(sfd, buf, sizeof(buf), 0) == 5 && strcmp(buf, "local") == 0);
    /* The path is taken: NetBSD's EADDRINUSE 48 is newlib's 112. */
    other = socket(AF_UNIX, SOCK_STREAM, 0);
    EXPECT(bind(other, (struct sockaddr *)&sun, sizeof(sun)) == -1 &&
           errno == EADDRINUSE);
    close(other);
    close(cfd);
    close(sfd);
    close(lfd);
    EXPECT(unlink("/tmp/sock") == 0);
}

static void
test_socketpair(void)
{
    int sv[2];
    char buf[8] = {0};

    EXPECT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    EXPECT(write(sv[0], "pair", 4) == 4);
    EXPECT(read(sv[1], buf, sizeof(buf)) == 4 && strcmp(buf, "pair") == 0);
    EXPECT(close(sv[0]) == 0 && close(sv[1]) == 0);
    test_local_path();
    EXPECT(socket(12345, SOCK_STREAM, 0) == -1 &&
           (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT));
}

static void
test_names(void)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    char host[NI_MAXHOST], serv[NI_MAXSERV], text[INET6_ADDRSTRLEN];
    struct in6_addr a6;
    struct in_addr a4;

    EXPECT(getaddrinfo("127.0.0.1", "8080", &hints, &res) == 0 && res);
    if (res != NULL) {
        const struct sockaddr_in *s = (const void *)res->ai_addr;

        EXPECT(res->ai_family == AF_INET && res->ai_next == NULL);
        EXPECT(ntohs(s->sin_port) == 8080 &&
               s->sin_addr.s_addr == htonl(INADDR_LOOPBACK));
        EXPECT(getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host),
                           serv, sizeof(serv),
                           NI_NUMERICHOST | NI_NUMERICSERV) == 0);
        EXPECT(strcmp(host, "127.0.0.1") == 0 && strcmp(serv, "8080") == 0);
        freeaddrinfo(res);
    }
    hints.ai_family = AF_INET;
    EXPECT(getaddrinfo("localhost", "http", &hints, &res) == 0);
    if (res != NULL)
        freeaddrinfo(res);
    EXPECT(getaddrinfo("no.such.host", "80", &hints, &res) == EAI_NONAME);
    EXPECT(inet_pton(AF_INET6, "fe80::1:2", &a6) == 1);
    EXPECT(inet_ntop(AF_INET6, &a6, text, sizeof(text)) &&
           strcmp(text, "fe80::1:2") == 0);
    EXPECT(inet_aton("10.1.2.3", &a4) == 1 && a4.s_addr == htonl(0x0a010203));
    EXPECT(strcmp(inet_ntoa(a4), "10.1.2.3") == 0);
    EXPECT(inet_addr("300.1.1.1") == INADDR_NONE);
}

struct echo_job {
    uint16_t port;
    int id, ok;
};

/* One client thread: ROUNDS request/reply rounds on its own connection. */
static void *
echo_client(void *arg)
{
    struct echo_job *job = arg;
    char out[32], in[32];
    int fd = tcp_connect(job->port);

    if (fd < 0)
        return NULL;
    for (int r = 0; r < ROUNDS; r++) {
        int n = snprintf(out, sizeof(out), "t%d r%d", job->id, r), got = 0;

        if (send(fd, out, (size_t)n, 0) != n)
            break;
        while (got < n) {
            ssize_t k = recv(fd, in + got, (size_t)(n - got), 0);

            if (k <= 0)
                break;
            got += (int)k;
        }
        if (got != n || memcmp(in, out, (size_t)n) != 0)
            break;
        job->ok++;
    }
    close(fd);
    return NULL;
}

/* One server thread per accepted connection: echoes until EOF. */
static void *
echo_server(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char buf[64];
    ssize_t n;

    while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
        if (send(fd, buf, (size_t)n, 0) != n)
            break;
    close(fd);
    return NULL;
}

static void
test_threads(void)
{
    struct echo_job jobs[N_THREADS];
    pthread_t clients[N_THREADS], servers[N_THREADS];
    uint16_t port = 0;
    int lfd = tcp_listener(&port), total = 0;

    for (int i = 0; i < N_THREADS; i++) {
        jobs[i] = (struct echo_job){.port = port, .id = i};
        EXPECT(pthread_create(&clients[i], NULL, echo_client, &jobs[i]) == 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        int fd = accept(lfd, NULL, NULL);

        EXPECT(fd >= 3);
        EXPECT(pthread_create(&servers[i], NULL, echo_server,
                              (void *)(intptr_t)fd) == 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        EXPECT(pthread_join(clients[i], NULL) == 0);
        EXPECT(pthread_join(servers[i], NULL) == 0);
        total += jobs[i].ok;
    }
    close(lfd);
    printf("libc-sock: %d threads echoed %d of %d rounds\n", N_THREADS, total,
           N_THREADS * ROUNDS);
    EXPECT(total == N_THREADS * ROUNDS);
}

int
main(void)
{
    test_tcp();
    test_udp();
    test_socketpair();
    test_names();
    test_threads();
    if (failures)
        printf("libc-sock: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libc-sock: PASS (%d checks)\n", checks);
    return failures ? 1 : 0;
}
