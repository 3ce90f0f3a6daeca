/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's select(2) declarations with NetBSD's FD_SETSIZE (256) instead
 * of newlib's 64 unless the program chose its own: select() hands the rump
 * kernel NetBSD-sized sets (libc-glue/io_rump.c copies the program's bits
 * in and out, whatever FD_SETSIZE it was built with, up to nfds).
 */
#ifndef FD_SETSIZE
#define FD_SETSIZE 256
#endif
#include_next <sys/select.h>
