/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host side of the rump kernel benchmark workload (rumpwork.c), which
 * links two ways: into a rumpxen guest (rumpwork_xen.c) and into a static
 * Linux program on NetBSD's own POSIX rumpuser (rumpwork_linux.c). Each
 * side supplies these few functions; everything measured goes through the
 * rump kernel's system calls alone.
 */
#ifndef RUMPWORK_H
#define RUMPWORK_H

#include <stdint.h>

#ifdef RUMPWORK_XEN
#include <rumpxen/rump_host.h>
#else
#include <sys/types.h>
#endif

/* Monotonic nanoseconds. */
uint64_t rw_now_ns(void);

/* Prints one line (no formatting: the workload formats with rw_fmt). */
void rw_puts(const char *line);

/* snprintf's subset: %s, %d, %u, %lu, %llu. */
int rw_fmt(char *buf, unsigned long size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The last rump system call's error number. */
int rw_errno(void);

/*
 * Runs fn(arg) on n threads at once and waits for all of them; returns 0,
 * or -1 if a thread could not be started (the started ones are joined).
 */
int rw_run_threads(int n, void (*fn)(void *), void *const *args);

/* Nanoseconds rump_init() took in this run (called once, after it). */
uint64_t rw_rump_init_ns(void);

/*
 * The workload: prints "rumpwork: METRIC VALUE UNIT" lines and a verdict;
 * returns 0 if every step worked. PLATFORM names the side ("rumpxen",
 * "hosted").
 */
int rumpwork_run(const char *platform);

#endif
