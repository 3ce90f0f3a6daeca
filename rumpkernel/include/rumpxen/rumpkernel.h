/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rump kernel inside a rumpxen image: it is brought up (rump_init())
 * before main() runs; this tells how that went.
 */
#ifndef RUMPXEN_RUMPKERNEL_H
#define RUMPXEN_RUMPKERNEL_H

#include <stdint.h>

/* Nanoseconds rump_init() took during boot. */
uint64_t rumpkernel_init_ns(void);

#endif
