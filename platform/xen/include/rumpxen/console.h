/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest console: the Xen PV console ring, read by xenconsoled in dom0.
 * Output is never dropped: writers wait for ring space.
 */
#ifndef RUMPXEN_CONSOLE_H
#define RUMPXEN_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Writes len bytes, "\n" becoming "\r\n". Waits (blocking the whole vCPU,
 * not just the thread) while the ring is full. Callable from any context,
 * also before the ring is up (PVH: early output goes to port 0xE9, which
 * shows in `xl dmesg`; PV: nothing is lost, the ring exists from entry).
 */
void console_write(const char *buf, size_t len);

/* printf(3)-like output to the console; see fmt_vsnprintf for the formats. */
int console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int console_vprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/*
 * Waits until the backend has consumed everything written, at most
 * timeout_ms milliseconds. Returns 0, or -RX_ETIMEDOUT.
 */
int console_flush(unsigned int timeout_ms);

#endif
