/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rump kernel's memory limit (RUMP_MEMLIMIT), chosen before rump_init()
 * from what the domain has free then: first the platform's reserve (page
 * tables, grant and ring pages, console, and the stacks and TLS blocks of
 * RESERVE_THREADS threads) is set aside and kept from the rump kernel
 * (mm_set_reserve), then what the rump kernel's own threads take from the
 * platform (KTHREADS of them), then the application's share (a quarter of
 * the rest, at least APP_MIN); the remainder is the rump kernel's. A
 * RUMP_MEMLIMIT on the command line wins, but is refused (the guest exits with
 * status RUMPKERNEL_EXIT_MEMLIMIT) when malformed, below MEMLIMIT_MIN or more
 * than the domain has above the platform's reserve; so is a domain too small.
 * Not the accounting: that is hypercall/mem.c.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>

#include <rumpxen/hypercall.h>
#include <rumpxen/rumpkernel.h>

/* rumpuser(3); the installed rump/rumpuser.h needs a host C library. */
int rumpuser_getparam(const char *name, void *buf, size_t buflen);

#define KIB 1024UL
#define MIB (1024UL * 1024)
/* Page tables (PVH 2 MiB splits), grant, ring, console, xenstore pages. */
#define RESERVE_BASE (256 * KIB)
/* Threads whose stack, guard page, TLS block and record are reserved. */
#define RESERVE_THREADS 16
#define RESERVE_PER_THREAD (SCHED_STACK_DEFAULT + 2 * PAGE_SIZE)
/*
 * The rump kernel's own threads, their stacks and records: taken from the
 * platform, not counted in its limit (measured: 1,320 KiB during
 * rump_init() with the "net" set).
 */
#define KTHREADS 20
#define APP_MIN (512 * KIB)
/* rump_init() alone takes 1,364 KiB (measured, "net" set); some to work. */
#define MEMLIMIT_MIN (2 * MIB)

static struct rumpkernel_mem mem;

/* Parses digits with an optional k/m/g suffix, as the rump kernel does. */
static int
parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0, mult = 1;

    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    switch (*s) {
    case '\0':
        break;
    case 'k':
        mult = KIB;
        break;
    case 'm':
        mult = MIB;
        break;
    case 'g':
        mult = 1024 * MIB;
        break;
    default:
        return -1;
    }
    if (*s != '\0' && s[1] != '\0')
        return -1;
    if (v > UINT64_MAX / mult)
        return -1;
    *out = v * mult;
    return 0;
}

static void __attribute__((noreturn)) refuse(const char *value, const char *why)
{
    console_printf("rumpxen: RUMP_MEMLIMIT=%s refused: %s\n", value, why);
    platform_exit(RUMPKERNEL_EXIT_MEMLIMIT);
}

/* The explicit value of the command line, if any, checked. */
static int
explicit_limit(uint64_t *out)
{
    char buf[32], why[128];

    if (rumpuser_getparam("RUMP_MEMLIMIT", buf, sizeof(buf)) != 0)
        return 0;
    if (parse_size(buf, out) != 0)
        refuse(buf, "not a size (digits, then optionally k, m or g)");
    if (*out < MEMLIMIT_MIN) {
        fmt_snprintf(why, sizeof(why),
                     "below the %lu KiB the rump kernel "
                     "needs to start",
                     MEMLIMIT_MIN / KIB);
        refuse(buf, why);
    }
    if (*out > mem.free - mem.reserve - mem.kthreads) {
        fmt_snprintf(
            why, sizeof(why),
            "this domain has %lu KiB for it (%lu KiB free, "
            "%lu KiB platform reserve, %lu KiB kernel threads)",
            (unsigned long)((mem.free - mem.reserve - mem.kthreads) / KIB),
            (unsigned long)(mem.free / KIB), (unsigned long)(mem.reserve / KIB),
            (unsigned long)(mem.kthreads / KIB));
        refuse(buf, why);
    }
    return 1;
}

static int
verbose(void)
{
    char buf[8];

    return rumpuser_getparam("RUMP_VERBOSE", buf, sizeof(buf)) == 0 &&
           strcmp(buf, "0") != 0;
}

void
rumpkernel_memlimit_setup(void)
{
    struct mm_stats st;
    uint64_t rest;

    mm_get_stats(&st);
    mem.free = (uint64_t)st.free_pages * PAGE_SIZE;
    mem.reserve = RESERVE_BASE + RESERVE_THREADS * RESERVE_PER_THREAD;
    mem.kthreads = KTHREADS * RESERVE_PER_THREAD;
    if (mem.reserve + mem.kthreads + APP_MIN + MEMLIMIT_MIN > mem.free) {
        console_printf("rumpxen: %lu KiB free is too little for the rump "
                       "kernel (platform reserve %lu KiB, kernel threads %lu "
                       "KiB, application %lu KiB, rump kernel %lu KiB at "
                       "least)\n",
                       (unsigned long)(mem.free / KIB),
                       (unsigned long)(mem.reserve / KIB),
                       (unsigned long)(mem.kthreads / KIB), APP_MIN / KIB,
                       MEMLIMIT_MIN / KIB);
        platform_exit(RUMPKERNEL_EXIT_MEMLIMIT);
    }
    rest = mem.free - mem.reserve - mem.kthreads;
    mem.explicit = explicit_limit(&mem.limit);
    if (!mem.explicit) {
        mem.app = rest / 4 > APP_MIN ? rest / 4 : APP_MIN;
        mem.limit = (rest - mem.app) & ~(uint64_t)(64 * KIB - 1);
    }
    mem.app = rest - mem.limit;
    mm_set_reserve(mem.reserve / PAGE_SIZE);
    hypercall_mem_set_limit(mem.limit);
    if (verbose())
        console_printf(
            "rumpxen: memory: %lu KiB free, platform reserve %lu KiB, "
            "kernel threads %lu KiB, application %lu KiB, RUMP_MEMLIMIT "
            "%lu KiB (%s)\n",
            (unsigned long)(mem.free / KIB), (unsigned long)(mem.reserve / KIB),
            (unsigned long)(mem.kthreads / KIB), (unsigned long)(mem.app / KIB),
            (unsigned long)(mem.limit / KIB),
            mem.explicit ? "command line" : "default");
}

void
rumpkernel_get_mem(struct rumpkernel_mem *out)
{
    *out = mem;
}
