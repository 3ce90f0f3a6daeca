/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX queries that ordinary programs make, answered for a single-process,
 * single-user guest: getrusage (all time is the process's user time, as
 * in times) and the password database of one user, root (uid 0, home "/").
 */
#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <rumpxen/time.h>

#include "glue.h"

int
getrusage(int who, struct rusage *ru)
{
    uint64_t ns = time_now_ns();

    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN)
        return glue_fail(EINVAL);
    memset(ru, 0, sizeof(*ru));
    if (who == RUSAGE_SELF) {
        ru->ru_utime.tv_sec = (time_t)(ns / NSEC_PER_SEC);
        ru->ru_utime.tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / 1000);
    }
    return 0;
}

static char posix_extra_root_name[] = "root";
static char posix_extra_empty[] = "";
static char posix_extra_home[] = "/";
static char posix_extra_shell[] = "/bin/sh";

static struct passwd posix_extra_root = {
    .pw_name = posix_extra_root_name,
    .pw_passwd = posix_extra_empty,
    .pw_uid = 0,
    .pw_gid = 0,
    .pw_comment = posix_extra_empty,
    .pw_gecos = posix_extra_root_name,
    .pw_dir = posix_extra_home,
    .pw_shell = posix_extra_shell,
};

/* No entry: NULL with errno unchanged, as POSIX says for "not found". */
struct passwd *
getpwuid(uid_t uid)
{
    return uid == 0 ? &posix_extra_root : NULL;
}

struct passwd *
getpwnam(const char *name)
{
    return strcmp(name, posix_extra_root_name) == 0 ? &posix_extra_root
                                                    : NULL;
}
