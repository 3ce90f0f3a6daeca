/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What hypercall/ offers besides rumpuser(3) itself.
 */
#ifndef RUMPXEN_HYPERCALL_H
#define RUMPXEN_HYPERCALL_H

/*
 * The NetBSD errno the rump kernel last reported for the calling thread
 * through rumpuser_seterrno() (a failed rump_sys_* call sets it).
 */
int hypercall_errno(void);

#endif
