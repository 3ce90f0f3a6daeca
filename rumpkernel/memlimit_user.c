/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Platform side of the memlimit rump kernel component: the hypercalls keep
 * the kernel's free page count (memlimit/memlimit.c) up to date.
 */
#include <rumpxen/hypercall.h>
#include <rumpxen/memlimit.h>

unsigned long long
rumpcomp_memlimit_attach(int *free_pages)
{
    struct hypercall_mem_stats st;

    hypercall_mem_publish_free(free_pages);
    hypercall_mem_get_stats(&st);
    return st.limit;
}
