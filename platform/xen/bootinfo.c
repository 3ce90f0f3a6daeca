/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot facts: what early boot learnt from Xen (boot_state, filled by
 * boot.c's entry code), the guest type, and Xen's errno values. The bottom
 * of the platform: calls nothing.
 */
#include <rumpxen/errno.h>
#include <rumpxen/platform.h>

#include "platform_priv.h"

struct boot_state boot_state;
const struct boot_info *boot_info = &boot_state.info;

const char *
boot_type_name(void)
{
    return boot_state.info.type == BOOT_PV ? "pv" : "pvh";
}

int
xen_errno(long rc)
{
    /* Xen's errno values (xen/errno.h) are Linux's. */
    switch (-rc) {
    case 1:
        return -RX_EPERM;
    case 2:
        return -RX_ENOENT;
    case 11:
        return -RX_EAGAIN;
    case 12:
        return -RX_ENOMEM;
    case 13:
        return -RX_EACCES;
    case 14:
        return -RX_EFAULT;
    case 16:
        return -RX_EBUSY;
    case 17:
        return -RX_EEXIST;
    case 22:
        return -RX_EINVAL;
    case 28:
        return -RX_ENOSPC;
    case 38:
        return -RX_ENOSYS;
    default:
        return -RX_EIO;
    }
}
