/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memlimit rump kernel component (ours) and its platform side: the
 * kernel gives the platform the address of its free page count
 * (uvmexp.free) at component init, and the platform keeps it up to date.
 */
#ifndef RUMPXEN_MEMLIMIT_H
#define RUMPXEN_MEMLIMIT_H

/*
 * Platform side (rumpkernel/memlimit_user.c): from now on *free_pages is
 * the number of pages the rump kernel could still allocate. Returns the
 * rump kernel's memory limit in bytes (0: none). A rump* name, so the
 * kernel's symbol renaming leaves it alone; no fixed-width types, which
 * the kernel side has under other headers.
 */
unsigned long long rumpcomp_memlimit_attach(int *free_pages);

#endif
