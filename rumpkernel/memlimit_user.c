/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Platform side of the memlimit rump kernel component: the hypercalls keep
 * the kernel's free page count (memlimit/memlimit.c) up to date.
 */
#include <rumpxen/hypercall.h>
#include <rumpxen/memlimit.h>

void
rumpcomp_memlimit_attach(int *free_pages)
{
    hypercall_mem_publish_free(free_pages);
}
