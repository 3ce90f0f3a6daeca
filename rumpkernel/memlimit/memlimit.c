/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel side of the memlimit component: hands the platform the rump
 * kernel's free page count (uvmexp.free), which the rump kernel sets once
 * and never updates, so that the platform keeps it true. tmpfs sizes a
 * mount without a size limit by it; with it kept true such a mount fills
 * to ENOSPC instead of taking the memory the kernel can not reclaim.
 */
#include <sys/param.h>

#include <uvm/uvm_extern.h>

#include <rump-sys/kern.h>

#include <rumpxen/memlimit.h>

RUMP_COMPONENT(RUMP_COMPONENT_KERN)
{
    rumpcomp_memlimit_attach(&uvmexp.free);
}
