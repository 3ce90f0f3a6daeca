/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console: output into the console ring that xenconsoled reads.
 * Not an input path yet. Before the ring is known (PVH early boot) and
 * during a crash, output also goes to port 0xE9 (Xen's debug port, shown in
 * `xl dmesg`), which only an HVM-style (PVH) guest has. After a panic
 * (console_mirror_e9 set) a backend that stops taking output is given up
 * after PANIC_STALL_MS instead of hanging the crash report.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/time.h>

#include "evtchn_priv.h"
#include "platform_priv.h"
#include "shring_priv.h"

#define PANIC_STALL_MS 1000

static struct xencons_interface *cons;
static evtchn_port_t cons_port;
/* Our own index, a private copy (shring_priv.h); out_cons is the peer's. */
static uint32_t out_prod;
static int cons_broken;  /* the backend's index is corrupt: ring unused */
static int cons_stalled; /* gave up on the backend during a panic */
int console_mirror_e9;

void
console_init(void *ring, evtchn_port_t port)
{
    cons = ring;
    cons_port = port;
    /* The one read of our own index: where earlier output left it. */
    if (cons)
        out_prod = shring_load(&cons->out_prod);
}

static void
e9_write(const char *buf, size_t len)
{
    if (boot_state.info.type != BOOT_PVH)
        return;
    for (size_t i = 0; i < len; i++)
        outb(0xe9, (uint8_t)buf[i]);
}

static void
e9_puts(const char *s)
{
    e9_write(s, strlen(s));
}

/* Waits up to 10 ms for the backend to move out_cons. */
static void
cons_wait(void)
{
    (void)evtchn_notify(cons_port);
    evtchn_poll(cons_port, time_now_ns() + 10 * NSEC_PER_MSEC);
    (void)evtchn_test_and_clear(cons_port);
}

/*
 * Waits for the backend to free space; returns 0 to try again, or -1 to
 * give up: during a panic, after PANIC_STALL_MS without progress.
 */
static int
ring_wait(uint64_t *give_up)
{
    uint64_t now = time_now_ns();

    if (console_mirror_e9) {
        if (*give_up == 0)
            *give_up = now + PANIC_STALL_MS * NSEC_PER_MSEC;
        else if (now >= *give_up)
            return -1;
    }
    cons_wait();
    return 0;
}

static void
ring_write(const char *buf, size_t len)
{
    uint64_t give_up = 0;

    while (len > 0 && !cons_broken && !cons_stalled) {
        /* Acquire (io/ring.h rule): slots are reused only after out_cons. */
        uint32_t c = shring_load(&cons->out_cons);
        int n =
            shring_put(cons->out, sizeof(cons->out), c, &out_prod, buf, len);

        if (n < 0) {
            /* The backend moved out_cons past out_prod: stop using it. */
            cons_broken = 1;
            e9_puts("console: ring indices corrupt, output stopped\n");
            return;
        }
        if (n == 0) {
            if (ring_wait(&give_up) < 0) {
                cons_stalled = 1;
                e9_puts("console: backend stalled, output dropped\n");
            }
            continue;
        }
        /* Release: the bytes are visible before out_prod (io/console.h). */
        shring_store(&cons->out_prod, out_prod);
        (void)evtchn_notify(cons_port);
        give_up = 0;
        buf += n;
        len -= (size_t)n;
    }
}

void
console_write(const char *buf, size_t len)
{
    char tmp[128];
    size_t n = 0;

    if (console_mirror_e9 || cons == NULL)
        e9_write(buf, len);
    if (cons == NULL)
        return;
    for (size_t i = 0; i < len; i++) {
        if (n + 2 > sizeof(tmp)) {
            ring_write(tmp, n);
            n = 0;
        }
        if (buf[i] == '\n')
            tmp[n++] = '\r';
        tmp[n++] = buf[i];
    }
    ring_write(tmp, n);
}

int
console_vprintf(const char *fmt, va_list ap)
{
    char buf[512];
    int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

    console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
    return n;
}

int
console_printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = console_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int
console_flush(unsigned int timeout_ms)
{
    uint64_t deadline = time_now_ns() + timeout_ms * NSEC_PER_MSEC;

    if (cons == NULL)
        return 0;
    /* Acquire, as in ring_write; out_prod is our private copy. */
    while (!cons_broken && !cons_stalled &&
           shring_load(&cons->out_cons) != out_prod) {
        if (time_now_ns() >= deadline)
            return -RX_ETIMEDOUT;
        cons_wait();
    }
    return 0;
}
