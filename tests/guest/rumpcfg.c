/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the guest configuration as the application sees it: prints
 * its arguments, the environment variable GREETING, the rump kernel's host
 * name (sysctl kern.hostname), each configured mount's listing and the
 * first line of its hello.txt, and, with an address on xenif0, asks dom0
 * to ping it (tests/guest/xenstore-dom0.sh). The harness boots it with
 * different configurations (short form, JSON through xenstore) and checks
 * that each boot printed its own values. Component set "netfs".
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#include "guest_test.h"

#define RESULT_TIMEOUT_NS (120 * NSEC_PER_SEC)
#define CTL_KERN 1
#define KERN_HOSTNAME 10

/* NetBSD's struct dirent (getdents). */
struct nb_dirent {
    uint64_t d_fileno;
    uint16_t d_reclen;
    uint16_t d_namlen;
    uint8_t d_type;
    char d_name[512];
};

static void
show_args(int argc, char **argv)
{
    char line[256];
    size_t used = 0;

    line[0] = '\0';
    for (int i = 1; i < argc; i++)
        used += (size_t)fmt_snprintf(line + used, sizeof(line) - used, " %s",
                                     argv[i]);
    console_printf("rumpcfg: %d arguments:%s\n", argc - 1, line);
}

static void
show_hostname(void)
{
    int mib[2] = {CTL_KERN, KERN_HOSTNAME};
    char name[64];
    size_t len = sizeof(name);

    EXPECT(rump_sys___sysctl(mib, 2, name, &len, NULL, 0) == 0);
    name[len < sizeof(name) ? len : sizeof(name) - 1] = '\0';
    console_printf("rumpcfg: hostname %s\n", name);
}

/* Lists dir and prints the first line of dir/hello.txt. */
static void
show_mount(const char *dir)
{
    char buf[2048], path[160], line[160];
    int fd = rump_sys_open(dir, RUMP_O_RDONLY | RUMP_O_DIRECTORY);
    size_t used = 0;
    long n;

    EXPECT(fd >= 0);
    if (fd < 0)
        return;
    line[0] = '\0';
    while ((n = rump_sys_getdents(fd, buf, sizeof(buf))) > 0) {
        for (long off = 0; off < n;) {
            struct nb_dirent *d = (struct nb_dirent *)(buf + off);

            if (d->d_name[0] != '.')
                used += (size_t)fmt_snprintf(line + used, sizeof(line) - used,
                                             " %s", d->d_name);
            if (d->d_reclen == 0)
                break;
            off += d->d_reclen;
        }
    }
    rump_sys_close(fd);
    console_printf("rumpcfg: %s holds%s\n", dir, line);
    fmt_snprintf(path, sizeof(path), "%s/hello.txt", dir);
    fd = rump_sys_open(path, RUMP_O_RDONLY);
    EXPECT(fd >= 0);
    if (fd < 0)
        return;
    n = rump_sys_read(fd, line, sizeof(line) - 1);
    rump_sys_close(fd);
    EXPECT(n > 0);
    line[n > 0 ? n : 0] = '\0';
    for (char *p = line; *p; p++)
        if (*p == '\n')
            *p = '\0';
    console_printf("rumpcfg: %s: %s\n", path, line);
    /* A read-only mount refuses a new file. */
    if (rump_sys_open(path, RUMP_O_WRONLY) >= 0)
        console_printf("rumpcfg: %s is writable\n", dir);
}

/* Whether s holds word. */
static int
has(const char *s, const char *word)
{
    size_t n = strlen(word);

    for (; *s; s++)
        if (strncmp(s, word, n) == 0)
            return 1;
    return 0;
}

static void
ping_test(const char *ip)
{
    uint64_t deadline = time_now_ns() + RESULT_TIMEOUT_NS;
    char result[256];
    int rc = -1, reachable;

    EXPECT(xs_write(XS_TX_NONE, "data/net-ping", ip) == 0);
    while (rc < 0 && time_now_ns() < deadline) {
        rc = xs_read(XS_TX_NONE, "data/net-result", result, sizeof(result));
        if (rc < 0)
            sched_sleep_until(time_now_ns() + 200 * NSEC_PER_MSEC);
    }
    EXPECT(rc >= 0);
    if (rc < 0)
        return;
    console_printf("rumpcfg: dom0 pinged %s: %s\n", ip, result);
    /* Reachable is what this test asks (netfront's own tests count lost
     * pings): answers to pings of both sizes. */
    reachable = has(result, "size 56: ") && has(result, "size 1472: ") &&
                !has(result, "100% loss") && !has(result, "?% loss");
    EXPECT(reachable);
    if (reachable)
        console_printf("rumpcfg: %s answers dom0's pings\n", ip);
}

int
main(int argc, char **argv)
{
    const struct config *c = config_get();
    const char *greeting = config_getenv("GREETING");

    show_args(argc, argv);
    console_printf("rumpcfg: GREETING=%s\n", greeting ? greeting : "(unset)");
    show_hostname();
    for (unsigned int i = 0; i < c->nblk; i++)
        show_mount(c->blk[i].mountpoint);
    for (unsigned int i = 0; i < c->nnet; i++)
        if (c->net[i].unit == 0 && !c->net[i].inet6 &&
            c->net[i].method == CONFIG_STATIC)
            ping_test(c->net[i].addr);
    return test_done("rumpcfg");
}
