/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console: output into the console ring that xenconsoled reads.
 * Not an input path yet. Before the ring is known (PVH early boot) and
 * during a crash, output also goes to port 0xE9 (Xen's debug port, shown in
 * `xl dmesg`), which only an HVM-style (PVH) guest has.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/time.h>

#include "barrier.h"
#include "evtchn.h"
#include "internal.h"

static struct xencons_interface *cons;
static evtchn_port_t cons_port;
static int cons_broken;
int console_mirror_e9;

void
console_init(void *ring, evtchn_port_t port)
{
    cons = ring;
    cons_port = port;
}

static void
e9_write(const char *buf, size_t len)
{
    if (boot_state.info.type != BOOT_PVH)
        return;
    for (size_t i = 0; i < len; i++)
        outb(0xe9, (uint8_t)buf[i]);
}

/* Waits up to 10 ms for the backend to move out_cons. */
static void
cons_wait(void)
{
    (void)evtchn_notify(cons_port);
    evtchn_poll(cons_port, time_now_ns() + 10 * NSEC_PER_MSEC);
    (void)evtchn_test_and_clear(cons_port);
}

static void
ring_write(const char *buf, size_t len)
{
    while (len > 0 && !cons_broken) {
        XENCONS_RING_IDX c = cons->out_cons;
        XENCONS_RING_IDX p = cons->out_prod;
        XENCONS_RING_IDX used = p - c;
        size_t n;

        /* Read out_cons before overwriting the slots it frees. */
        mb();
        if (used > sizeof(cons->out)) {
            /* The backend moved out_cons past out_prod: stop using it. */
            cons_broken = 1;
            e9_write("console: ring indices corrupt, output stopped\n", 47);
            return;
        }
        if (used == sizeof(cons->out)) {
            cons_wait();
            continue;
        }
        n = sizeof(cons->out) - used;
        if (n > len)
            n = len;
        for (size_t i = 0; i < n; i++)
            cons->out[MASK_XENCONS_IDX(p + i, cons->out)] = buf[i];
        /* Data before the index that publishes it (ring.h rule). */
        wmb();
        cons->out_prod = p + (XENCONS_RING_IDX)n;
        (void)evtchn_notify(cons_port);
        buf += n;
        len -= n;
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
    while (!cons_broken && cons->out_cons != cons->out_prod) {
        if (time_now_ns() >= deadline)
            return -RX_ETIMEDOUT;
        cons_wait();
    }
    return 0;
}
