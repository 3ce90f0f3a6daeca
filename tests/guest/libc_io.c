/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib descriptor and process calls over the rump kernel (set "base"):
 * select and poll on 80 pipe descriptors (numbers past newlib's 64-bit
 * fd_set, with a set only nfds bits long followed by a guard), pipes,
 * dup/dup2, fcntl (O_NONBLOCK giving EAGAIN, FD_CLOEXEC, F_DUPFD, record
 * locks), ioctl FIONBIO/FIONREAD, readv/writev, rename, getrlimit, umask,
 * anonymous mmap, getaddrinfo from /etc/hosts, and the calls a guest can
 * not have: fork ENOSYS, exec* ENOSYS, waitpid ECHILD, dlopen NULL,
 * sigaction with a handler ENOTSUP. Prints "libc-io: PASS" or what failed.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

#define N_PIPES 40

static int pipes[N_PIPES][2];

/* Bit n of a byte-array set. */
static int
bit(const unsigned char *set, int n)
{
    return (set[n / 8] >> (n % 8)) & 1;
}

static void
test_select_poll(void)
{
    struct pollfd pfd[N_PIPES];
    struct timeval tv = {0, 0};
    unsigned char small[16];
    fd_set rd;
    int maxfd = 0, n;

    for (int i = 0; i < N_PIPES; i++) {
        EXPECT(pipe(pipes[i]) == 0);
        maxfd = pipes[i][1] > maxfd ? pipes[i][1] : maxfd;
    }
    printf("libc-io: %d pipes, highest descriptor %d\n", N_PIPES, maxfd);
    EXPECT(maxfd >= 80);
    /* Every third pipe gets a byte. */
    for (int i = 0; i < N_PIPES; i += 3)
        EXPECT(write(pipes[i][1], "x", 1) == 1);
    FD_ZERO(&rd);
    for (int i = 0; i < N_PIPES; i++)
        FD_SET(pipes[i][0], &rd);
    n = select(maxfd + 1, &rd, NULL, NULL, &tv);
    EXPECT(n == (N_PIPES + 2) / 3);
    for (int i = 0; i < N_PIPES; i++)
        EXPECT(!!FD_ISSET(pipes[i][0], &rd) == (i % 3 == 0));
    /* A set exactly nfds bits long, then a guard select must not touch. */
    memset(small, 0, sizeof(small));
    memset(small + 11, 0xa5, sizeof(small) - 11);
    for (int i = 0; i < N_PIPES; i++)
        if (pipes[i][0] < 88)
            small[pipes[i][0] / 8] |= (unsigned char)(1 << pipes[i][0] % 8);
    n = select(88, (fd_set *)(void *)small, NULL, NULL, &tv);
    EXPECT(n >= 1);
    for (int i = 0; i < N_PIPES; i++)
        if (pipes[i][0] < 88)
            EXPECT(bit(small, pipes[i][0]) == (i % 3 == 0));
    for (int i = 11; i < (int)sizeof(small); i++)
        EXPECT(small[i] == 0xa5);
    /* poll: the same, plus every write end writable. */
    for (int i = 0; i < N_PIPES; i++)
        pfd[i] = (struct pollfd){.fd = pipes[i][0], .events = POLLIN};
    EXPECT(poll(pfd, N_PIPES, 0) == (N_PIPES + 2) / 3);
    for (int i = 0; i < N_PIPES; i++)
        EXPECT(!!(pfd[i].revents & POLLIN) == (i % 3 == 0));
    for (int i = 0; i < N_PIPES; i++)
        pfd[i] = (struct pollfd){.fd = pipes[i][1], .events = POLLOUT};
    EXPECT(poll(pfd, N_PIPES, 10) == N_PIPES);
    /* A closed write end: the read end sees POLLHUP or EOF. */
    EXPECT(close(pipes[1][1]) == 0);
    pfd[0] = (struct pollfd){.fd = pipes[1][0], .events = POLLIN};
    EXPECT(poll(pfd, 1, 100) == 1);
    EXPECT(read(pipes[1][0], small, 1) == 0);
    pfd[0] = (struct pollfd){.fd = 9999, .events = POLLIN};
    EXPECT(poll(pfd, 1, 0) == 1 && pfd[0].revents == POLLNVAL);
    for (int i = 0; i < N_PIPES; i++) {
        close(pipes[i][0]);
        if (i != 1)
            close(pipes[i][1]);
    }
}

static void
test_fcntl_dup(void)
{
    int p[2], fd, v, fl;
    char buf[16];

    EXPECT(pipe(p) == 0);
    fl = fcntl(p[0], F_GETFL);
    EXPECT(fl == O_RDONLY);
    EXPECT(fcntl(p[0], F_SETFL, fl | O_NONBLOCK) == 0);
    EXPECT(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK));
    /* NetBSD's EAGAIN 35 is newlib's 11. */
    EXPECT(read(p[0], buf, sizeof(buf)) == -1 && errno == EAGAIN);
    EXPECT(fcntl(p[0], F_GETFD) == 0);
    EXPECT(fcntl(p[0], F_SETFD, FD_CLOEXEC) == 0);
    EXPECT(fcntl(p[0], F_GETFD) == FD_CLOEXEC);
    fd = fcntl(p[1], F_DUPFD, 50);
    EXPECT(fd >= 50);
    fd = fcntl(p[1], F_DUPFD_CLOEXEC, 60);
    EXPECT(fd >= 60 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
    EXPECT(dup2(p[1], 40) == 40);
    EXPECT(write(40, "via 40", 6) == 6);
    EXPECT(read(p[0], buf, sizeof(buf)) == 6 && memcmp(buf, "via 40", 6) == 0);
    fd = dup(p[1]);
    EXPECT(fd > 2 && write(fd, "d", 1) == 1);
    v = 0;
    EXPECT(ioctl(p[0], FIONREAD, &v) == 0 && v == 1);
    v = 0;
    EXPECT(ioctl(p[0], FIONBIO, &v) == 0);
    EXPECT(fcntl(p[0], F_GETFL) == O_RDONLY);
    v = 1;
    EXPECT(ioctl(p[0], FIONBIO, &v) == 0);
    EXPECT(read(p[0], buf, 4) == 1 && read(p[0], buf, 4) == -1 &&
           errno == EAGAIN);
    EXPECT(dup2(p[1], 1) == 1); /* stdout stays the console */
    EXPECT(close(40) == 0 && close(fd) == 0);
    EXPECT(close(40) == -1 && errno == EBADF);
    EXPECT(fcntl(9999, F_GETFL) == -1 && errno == EBADF);
    EXPECT(close(p[0]) == 0 && close(p[1]) == 0);
    /* A reader gone: EPIPE (NetBSD 32 is newlib's 32 too). */
    EXPECT(pipe(p) == 0 && close(p[0]) == 0);
    EXPECT(write(p[1], "x", 1) == -1 && errno == EPIPE);
    close(p[1]);
}

static void
test_files(void)
{
    struct iovec out[3] = {
        {(char *)"one ", 4}, {(char *)"two ", 4}, {(char *)"three", 5}};
    char a[4], b[9];
    struct iovec in[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 10};
    struct stat st;
    struct rlimit rl;
    mode_t old;
    int fd;

    old = umask(027);
    EXPECT(umask(old) == 027);
    umask(077);
    fd = open("/tmp/v.txt", O_CREAT | O_RDWR | O_TRUNC, 0666);
    EXPECT(fd >= 3);
    EXPECT(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
    umask(old);
    EXPECT(writev(fd, out, 3) == 13);
    EXPECT(writev(1, out, 3) == 13 && write(1, "\n", 1) == 1);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    memset(b, 0, sizeof(b));
    EXPECT(readv(fd, in, 2) == 13);
    EXPECT(memcmp(a, "one ", 4) == 0 && memcmp(b, "two three", 9) == 0);
    /* Record locks, types translated both ways (write 2 is NetBSD's 3). */
    EXPECT(fcntl(fd, F_SETLK, &fl) == 0);
    fl.l_type = F_RDLCK;
    EXPECT(fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK);
    fl.l_type = F_UNLCK;
    EXPECT(fcntl(fd, F_SETLK, &fl) == 0);
    EXPECT(close(fd) == 0);
    /* rename and link on /tmp's tmpfs (they failed with EOPNOTSUPP while
     * /tmp was, by mistake, a directory of the rump kernel's root). */
    EXPECT(rename("/tmp/v.txt", "/tmp/w.txt") == 0);
    EXPECT(stat("/tmp/v.txt", &st) == -1 && errno == ENOENT);
    EXPECT(stat("/tmp/w.txt", &st) == 0 && st.st_size == 13);
    EXPECT(link("/tmp/w.txt", "/tmp/l.txt") == 0);
    EXPECT(stat("/tmp/l.txt", &st) == 0 && st.st_nlink == 2);
    EXPECT(unlink("/tmp/l.txt") == 0 && unlink("/tmp/w.txt") == 0);
    EXPECT(rename("/tmp/none", "/tmp/x") == -1 && errno == ENOENT);
    EXPECT(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 64);
    EXPECT(getrlimit(12345, &rl) == -1 && errno == EINVAL);
}

static void
test_process(void)
{
    struct sigaction sa = {0}, old;
    int status;
    char name[64];
    unsigned char *m;

    EXPECT(fork() == -1 && errno == ENOSYS);
    EXPECT(execv("/bin/sh", NULL) == -1 && errno == ENOSYS);
    EXPECT(execlp("sh", "sh", (char *)NULL) == -1 && errno == ENOSYS);
    EXPECT(waitpid(-1, &status, 0) == -1 && errno == ECHILD);
    EXPECT(wait(&status) == -1 && errno == ECHILD);
    EXPECT(dlopen("libm.so", RTLD_NOW) == NULL && dlerror() != NULL);
    EXPECT(dlerror() == NULL);
    sa.sa_handler = SIG_IGN;
    EXPECT(sigaction(SIGPIPE, &sa, NULL) == 0);
    EXPECT(sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_IGN);
    sa.sa_handler = (void (*)(int))test_process;
    EXPECT(sigaction(SIGTERM, &sa, NULL) == -1 && errno == ENOTSUP);
    EXPECT(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
    EXPECT(gethostname(name, sizeof(name)) == 0 && name[0] != '\0');
    EXPECT(sysconf(_SC_PAGESIZE) == 4096);
    m = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1,
             0);
    EXPECT(m != MAP_FAILED && ((unsigned long)m & 4095) == 0);
    if (m != MAP_FAILED) {
        EXPECT(m[0] == 0 && m[9999] == 0);
        memset(m, 1, 10000);
        EXPECT(munmap(m, 10000) == 0);
    }
    EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) == MAP_FAILED &&
           errno == ENODEV);
}

static void
test_hosts(void)
{
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    char host[NI_MAXHOST];
    FILE *f;

    EXPECT(mkdir("/etc", 0755) == 0 || errno == EEXIST);
    f = fopen("/etc/hosts", "w");
    EXPECT(f != NULL);
    if (f == NULL)
        return;
    fprintf(f, "# test hosts\n127.0.0.1 localhost\n10.11.0.1\tdom0 "
               "dom0.example  # the appliance\n");
    fclose(f);
    EXPECT(getaddrinfo("DOM0.example", "22", &hints, &res) == 0 && res);
    if (res != NULL) {
        const struct sockaddr_in *s = (const void *)res->ai_addr;

        EXPECT(s->sin_addr.s_addr == htonl(0x0a0b0001) &&
               ntohs(s->sin_port) == 22);
        EXPECT(getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host),
                           NULL, 0, NI_NAMEREQD) == 0 &&
               strcmp(host, "dom0") == 0);
        freeaddrinfo(res);
    }
    EXPECT(getaddrinfo("dom1", NULL, &hints, &res) == EAI_NONAME);
}

int
main(void)
{
    test_select_poll();
    test_fcntl_dup();
    test_files();
    test_process();
    test_hosts();
    if (failures)
        printf("libc-io: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libc-io: PASS (%d checks)\n", checks);
    return failures ? 1 : 0;
}
