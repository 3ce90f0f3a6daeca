/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What hypercall/ offers besides rumpuser(3) itself.
 */
#ifndef RUMPXEN_HYPERCALL_H
#define RUMPXEN_HYPERCALL_H

#include <stdint.h>

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

/*
 * The rump kernel's memory as the hypercalls see it, in bytes: limit as
 * last set (0: none), used now (rumpuser_malloc and _anonmmap less what
 * was freed), the peak of used, and failed allocations (the platform said
 * no: its reserve, or memory gone).
 */
struct hypercall_mem_stats {
    uint64_t limit;
    uint64_t used;
    uint64_t peak;
    uint64_t failed;
};
void hypercall_mem_get_stats(struct hypercall_mem_stats *st);

/*
 * Sets the rump kernel's memory limit in bytes (0: none): rumpuser_getparam
 * answers it for RUMP_MEMLIMIT when the command line names none, and it
 * bounds what hypercall_mem_publish_free() reports. Call before rump_init().
 */
void hypercall_mem_set_limit(uint64_t bytes);

/*
 * After every rump kernel allocation and free, stores at *free_pages how
 * many pages the rump kernel could still get (its limit and the platform's
 * reserve both counted): the rump kernel's uvmexp.free, which it does not
 * keep itself and tmpfs sizes itself by. NULL stops it.
 */
void hypercall_mem_publish_free(int *free_pages);

/*
 * Exit status of a guest whose rump kernel waited for memory it could not
 * get: its page daemon failed to reclaim HYPERCALL_NOMEM_ROUNDS times in a
 * row, about a second apart, with nothing freed in between; or the
 * platform refused every allocation for 5 s, at least 1,000 of them. The
 * console says so. Without it the guest would hang.
 */
#define HYPERCALL_EXIT_NOMEM 79
#define HYPERCALL_NOMEM_ROUNDS 5

#endif
