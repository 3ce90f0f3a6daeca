/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's sys/resource.h plus resource limits (newlib has getrusage
 * only): NetBSD's RLIMIT_* values and struct rlimit, passed to the rump
 * kernel unchanged.
 */
#ifndef LIBC_GLUE_SYS_RESOURCE_H
#define LIBC_GLUE_SYS_RESOURCE_H

#include_next <sys/resource.h>
#include <stdint.h>

typedef uint64_t rlim_t;

struct rlimit {
    rlim_t rlim_cur;
    rlim_t rlim_max;
};

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_MEMLOCK 6
#define RLIMIT_NPROC 7
#define RLIMIT_NOFILE 8
#define RLIMIT_SBSIZE 9
#define RLIMIT_AS 10
#define RLIM_INFINITY (~((rlim_t)1 << 63))
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);

#endif
