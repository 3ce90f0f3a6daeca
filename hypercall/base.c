/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpuser(3): initialisation, time, parameters, console, entropy, exit,
 * static-link bootstrap, and the calls a unikernel answers "not supported"
 * (system call proxy). Memory is in mem.c.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include <rumpxen/hypercall.h>

#include "hyp.h"

const struct rumpuser_hyperup *rumpuser_hyp;
static __thread int hyp_errno;

int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
    if (version != RUMPUSER_VERSION) {
        console_printf("rumpuser: the rump kernel wants interface version "
                       "%d, this is %d\n", version, RUMPUSER_VERSION);
        return RX_EINVAL;
    }
    rumpuser_hyp = hyp;
    return 0;
}

int
rumpuser_clock_gettime(int clock, int64_t *sec, long *nsec)
{
    uint64_t ns;

    switch (clock) {
    case RUMPUSER_CLOCK_RELWALL:
        ns = time_wall_ns();
        break;
    case RUMPUSER_CLOCK_ABSMONO:
        ns = time_now_ns();
        break;
    default:
        return RX_EINVAL;
    }
    *sec = (int64_t)(ns / NSEC_PER_SEC);
    *nsec = (long)(ns % NSEC_PER_SEC);
    return 0;
}

int
rumpuser_clock_sleep(int clock, int64_t sec, long nsec)
{
    uint64_t deadline;

    if (sec < 0 || nsec < 0 || nsec >= (long)NSEC_PER_SEC)
        return RX_EINVAL;
    /* Saturated: a huge time sleeps (practically) forever. */
    switch (clock) {
    case RUMPUSER_CLOCK_RELWALL:
        deadline = hyp_deadline(time_now_ns(), sec, nsec);
        break;
    case RUMPUSER_CLOCK_ABSMONO:
        deadline = hyp_deadline(0, sec, nsec);
        break;
    default:
        return RX_EINVAL;
    }
    HYP_BLOCKING(sched_sleep_until(deadline));
    return 0;
}

/*
 * Parameters: the two rumpuser ones (the host name from the guest
 * configuration), then NAME=VALUE words of the guest's command line (RUMP_VERBOSE=1, RUMP_MEMLIMIT=..., RUMP_NCPU=...); without
 * RUMP_MEMLIMIT there, the default limit of mem.c.
 */
int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
    const char *s = boot_info->cmdline;
    size_t nlen = strlen(name);
    const char *value = NULL;
    size_t vlen = 0;

    if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0) {
        value = "1";
        vlen = 1;
    } else if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0) {
        /* The guest configuration's host name, else "rumpxen". */
        value = config_get()->hostname[0] ? config_get()->hostname
                                          : "rumpxen";
        vlen = strlen(value);
    }
    while (value == NULL && *s) {
        const char *end = s;

        while (*end && *end != ' ')
            end++;
        if ((size_t)(end - s) > nlen && strncmp(s, name, nlen) == 0 &&
            s[nlen] == '=') {
            value = s + nlen + 1;
            vlen = (size_t)(end - value);
        }
        s = *end ? end + 1 : end;
    }
    if (value == NULL && strcmp(name, "RUMP_MEMLIMIT") == 0)
        return hyp_mem_limit_param(buf, buflen);
    if (value == NULL)
        return RX_ENOENT;
    if (vlen + 1 > buflen)
        return RX_E2BIG;
    memcpy(buf, value, vlen);
    ((char *)buf)[vlen] = '\0';
    return 0;
}

void
rumpuser_seterrno(int error)
{
    hyp_errno = error;
}

int
hypercall_errno(void)
{
    return hyp_errno;
}

int
rumpuser_kill(int64_t pid, int sig)
{
    if (pid != RUMPUSER_PID_SELF)
        return RX_EPERM;
    console_printf("rumpuser: the rump kernel raised signal %d\n", sig);
    platform_exit(128 + sig);
}

void
rumpuser_exit(int value)
{
    if (value == RUMPUSER_PANIC)
        panic("rump kernel panic");
    platform_exit(value);
}

/* The rump kernel prints a character at a time: collect lines. */
void
rumpuser_putchar(int ch)
{
    static char line[160];
    static size_t n;

    line[n++] = (char)ch;
    if (ch == '\n' || n == sizeof(line)) {
        console_write(line, n);
        n = 0;
    }
}

void
rumpuser_dprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    console_vprintf(fmt, ap);
    va_end(ap);
    hyp_mem_watch_message(fmt);
}

static int
cpu_has_rdrand(void)
{
    uint32_t a = 1, b, c = 0, d;

    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (c >> 30) & 1;
}

/*
 * Entropy from the CPU's RDRAND (retried as Intel's guide recommends).
 * Without RDRAND there is no entropy source here; the call fails rather
 * than hand out predictable bytes.
 */
int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
    unsigned char *p = buf;
    size_t done = 0;

    (void)flags;
    if (!cpu_has_rdrand()) {
        console_printf("rumpuser: no RDRAND, no entropy source\n");
        return RX_EIO;
    }
    while (done < buflen) {
        uint64_t v;
        unsigned char ok = 0;
        size_t n;

        for (int tries = 0; tries < 10 && !ok; tries++)
            __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
        if (!ok)
            break;
        n = buflen - done < 8 ? buflen - done : 8;
        memcpy(p + done, &v, n);
        done += n;
    }
    *retp = done;
    return done == buflen ? 0 : RX_EIO;
}

/*
 * Static linking: every component is in the link set rump_components
 * (the linker script keeps it); modules the kernel finds by itself.
 */
extern const struct rump_component *const __start_link_set_rump_components[]
    __attribute__((weak));
extern const struct rump_component *const __stop_link_set_rump_components[]
    __attribute__((weak));

void
rumpuser_dl_bootstrap(rump_modinit_fn domodinit, rump_symload_fn symload,
                      rump_compload_fn compload)
{
    const struct rump_component *const *c = __start_link_set_rump_components;

    (void)domodinit;
    (void)symload;
    for (; c && c < __stop_link_set_rump_components; c++)
        compload(*c);
}

int
rumpuser_daemonize_begin(void)
{
    return 0;
}

int
rumpuser_daemonize_done(int error)
{
    (void)error;
    return 0;
}

/* The system call proxy serves remote clients; a unikernel has none. */
int
rumpuser_sp_init(const char *url, const char *ostype, const char *osrelease,
                 const char *machine)
{
    (void)url;
    (void)ostype;
    (void)osrelease;
    (void)machine;
    return RX_ENOTSUP;
}

int
rumpuser_sp_copyin(void *arg, const void *raddr, void *laddr, size_t len)
{
    (void)arg;
    (void)raddr;
    (void)laddr;
    (void)len;
    return RX_ENOTSUP;
}

int
rumpuser_sp_copyinstr(void *arg, const void *raddr, void *laddr, size_t *lenp)
{
    (void)arg;
    (void)raddr;
    (void)laddr;
    (void)lenp;
    return RX_ENOTSUP;
}

int
rumpuser_sp_copyout(void *arg, const void *laddr, void *raddr, size_t dlen)
{
    (void)arg;
    (void)laddr;
    (void)raddr;
    (void)dlen;
    return RX_ENOTSUP;
}

int
rumpuser_sp_copyoutstr(void *arg, const void *laddr, void *raddr,
                       size_t *dlenp)
{
    (void)arg;
    (void)laddr;
    (void)raddr;
    (void)dlenp;
    return RX_ENOTSUP;
}

int
rumpuser_sp_anonmmap(void *arg, size_t howmuch, void **addr)
{
    (void)arg;
    (void)howmuch;
    (void)addr;
    return RX_ENOTSUP;
}

int
rumpuser_sp_raise(void *arg, int signo)
{
    (void)arg;
    (void)signo;
    return RX_ENOTSUP;
}

void
rumpuser_sp_fini(void *arg)
{
    (void)arg;
}
