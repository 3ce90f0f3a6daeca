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

struct blkfront_stats;

/*
 * The counters (rumpxen/blkfront.h) of the disk the rump kernel knows as
 * name (its host path, e.g. "xvda"). Returns 0, or -RX_ENOENT if the rump
 * kernel has not used that disk.
 */
int hypercall_disk_stats(const char *name, struct blkfront_stats *st);

#endif
