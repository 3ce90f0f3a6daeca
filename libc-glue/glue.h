/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc-glue's internal header (not for applications): how a system call
 * reports an error to newlib.
 */
#ifndef LIBC_GLUE_GLUE_H
#define LIBC_GLUE_GLUE_H

/*
 * Fails a system call with newlib errno e: sets the calling thread's errno
 * (what applications calling the system call directly read) and newlib's
 * global errno variable (what newlib's _xxx_r wrappers copy into their
 * struct _reent right after the call returns; no thread switch can come in
 * between, threads being cooperative). Returns -1.
 */
int glue_fail(int e);

#endif
