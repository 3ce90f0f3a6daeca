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

/*
 * For the platform side of our own kernel components (rumpkernel/NAME_user.c)
 * around a platform call that blocks, as rumpuser(3) requires of every
 * blocking hypercall: hypercall_unschedule() releases the calling thread's
 * rump kernel virtual CPU (and the big kernel lock, if held) and returns a
 * cookie; hypercall_schedule(cookie) takes them back. Only from a thread
 * that runs inside the rump kernel (a rump kernel thread or a system call).
 */
void *hypercall_unschedule(void);
void hypercall_schedule(void *cookie);

#endif
