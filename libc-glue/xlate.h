/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc-glue's translations between NetBSD's ABI (rump kernel system calls)
 * and newlib's (applications), built from the tables in xlate_tables.h.
 * Pure functions: no system calls, no errno, callable from any context;
 * host unit-tested (tests/unit/test_xlate.c).
 */
#ifndef LIBC_GLUE_XLATE_H
#define LIBC_GLUE_XLATE_H

/* newlib's EIO and NetBSD's EIO: what an errno without a match becomes. */
#define XLATE_EIO 5

/* A NetBSD errno as newlib's; 0 stays 0, one without a match is EIO. */
int xlate_errno_to_newlib(int nb);

/* A newlib errno as NetBSD's; 0 stays 0, one without a match is EIO. */
int xlate_errno_to_netbsd(int nl);

/*
 * newlib open(2) flags as NetBSD's in *nb. Returns 0, or -1 if flags has a
 * bit NetBSD has no match for (the caller fails the call with EINVAL).
 */
int xlate_oflags_to_netbsd(int nl, int *nb);

/* NetBSD open(2) flags (as fcntl F_GETFL gives) as newlib's; as above. */
int xlate_oflags_to_newlib(int nb, int *nl);

/*
 * An fcntl(2) command of newlib as NetBSD's, and back; -1 for a command
 * without a match (the caller fails the call with EINVAL).
 */
int xlate_fcntl_cmd_to_netbsd(int nl);
int xlate_fcntl_cmd_to_newlib(int nb);

/* struct flock's l_type, both ways; -1 without a match. */
int xlate_locktype_to_netbsd(int nl);
int xlate_locktype_to_newlib(int nb);

#endif
