/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Platform side of the xenguest rump kernel component: what the kernel side
 * (xenguest/xenguest.c) may ask of the platform. Sees only the platform API.
 */
#include <rumpxen/platform.h>
#include <rumpxen/xenguest.h>

const char *
rumpcomp_xenguest_type(void)
{
    return boot_type_name();
}
