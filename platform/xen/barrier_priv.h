/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: memory barriers for rings shared with Xen and backends, as
 * xen/io/ring.h names them. x86 is TSO: loads are not reordered with loads,
 * stores not with stores, and loads not with older stores to other places
 * only matters for mb(). So rmb/wmb only stop the compiler.
 */
#ifndef PLATFORM_XEN_BARRIER_H
#define PLATFORM_XEN_BARRIER_H

#define barrier() __asm__ volatile("" ::: "memory")
#define rmb() barrier()
#define wmb() barrier()
#define mb() __asm__ volatile("mfence" ::: "memory")

#endif
