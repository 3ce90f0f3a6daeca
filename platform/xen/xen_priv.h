/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the Xen public headers (Debian's libxen-dev, reached through the
 * build's private include folder) as the platform's subsystems see them.
 * Nothing outside platform/xen includes this file.
 */
#ifndef PLATFORM_XEN_XEN_H
#define PLATFORM_XEN_XEN_H

#include <stddef.h>
#include <stdint.h>

#define __XEN_INTERFACE_VERSION__ 0x00040d00

#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/arch-x86/cpuid.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/io/console.h>
#include <xen/io/xs_wire.h>

#endif
