/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sysctl node of the xenguest rump kernel component (ours): which kind
 * of Xen guest the rump kernel runs in, "pv" or "pvh", as the string
 * machdep.xen.guest_type. Fixed node numbers so programs need no name
 * lookup; shared by the component and the programs that read it.
 */
#ifndef RUMPXEN_XENGUEST_H
#define RUMPXEN_XENGUEST_H

#define RUMPXEN_CTL_MACHDEP 7 /* NetBSD's CTL_MACHDEP */
#define RUMPXEN_CTL_MACHDEP_XEN 300
#define RUMPXEN_CTL_XEN_GUEST_TYPE 1

/*
 * Platform side of the component (rumpkernel/xenguest_user.c): "pv" or
 * "pvh". A rump* name, so the kernel's symbol renaming leaves it alone.
 */
const char *rumpcomp_xenguest_type(void);

#endif
