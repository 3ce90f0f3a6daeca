/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel side of the xenguest component: a read-only sysctl string
 * machdep.xen.guest_type ("pv" or "pvh"), asked once from the platform
 * side at sysctl setup. Compiled against the NetBSD kernel headers by
 * rumpmake; it sees nothing of the platform but rumpcomp_xenguest_type().
 */
#include <sys/param.h>
#include <sys/sysctl.h>

#include <rumpxen/xenguest.h>

static char guest_type[8];

SYSCTL_SETUP(sysctl_xenguest_setup, "machdep.xen subtree")
{
    const struct sysctlnode *xen = NULL;
    int error;

    strlcpy(guest_type, rumpcomp_xenguest_type(), sizeof(guest_type));
    /* machdep may exist already; a second create of a node is harmless. */
    (void)sysctl_createv(clog, 0, NULL, NULL, CTLFLAG_PERMANENT,
                         CTLTYPE_NODE, "machdep", NULL, NULL, 0, NULL, 0,
                         RUMPXEN_CTL_MACHDEP, CTL_EOL);
    error = sysctl_createv(clog, 0, NULL, &xen, CTLFLAG_PERMANENT,
                           CTLTYPE_NODE, "xen",
                           SYSCTL_DESCR("Xen guest information"), NULL, 0,
                           NULL, 0, RUMPXEN_CTL_MACHDEP,
                           RUMPXEN_CTL_MACHDEP_XEN, CTL_EOL);
    if (error == 0)
        error = sysctl_createv(clog, 0, &xen, NULL,
                               CTLFLAG_PERMANENT | CTLFLAG_READONLY,
                               CTLTYPE_STRING, "guest_type",
                               SYSCTL_DESCR("Xen guest type: pv or pvh"),
                               NULL, 0, guest_type, 0,
                               RUMPXEN_CTL_XEN_GUEST_TYPE, CTL_EOL);
    if (error != 0)
        printf("xenguest: can not create machdep.xen.guest_type (%d)\n",
               error);
}
