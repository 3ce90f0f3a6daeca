/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Process, user and group calls that servers such as lighttpd link
 * against, answered for a single-process guest run as root: no groups
 * database, setuid/setgid to 0 only, no parent (getppid 1), alarm arms
 * nothing (no signal is ever delivered). And glob(3) for literal paths
 * only (newlib has none): a pattern with metacharacters is GLOB_NOSYS.
 */
#include <errno.h>
#include <glob.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

/* No timer: the previous alarm was never armed either. */
unsigned
alarm(unsigned secs)
{
    (void)secs;
    return 0;
}

/* No groups database: "not found" (NULL, errno unchanged). */
struct group *
getgrnam(const char *name)
{
    (void)name;
    return NULL;
}

struct group *
getgrgid(gid_t gid)
{
    (void)gid;
    return NULL;
}

int
setuid(uid_t uid)
{
    return uid == 0 ? 0 : glue_fail(EPERM);
}

int
setgid(gid_t gid)
{
    return gid == 0 ? 0 : glue_fail(EPERM);
}

/* Only group 0 (or none) is allowed. */
int
setgroups(int ngroups, const gid_t *groups)
{
    if (ngroups < 0)
        return glue_fail(EINVAL);
    for (int i = 0; i < ngroups; i++)
        if (groups[i] != 0)
            return glue_fail(EPERM);
    return 0;
}

int
initgroups(const char *user, gid_t group)
{
    (void)user;
    return group == 0 ? 0 : glue_fail(EPERM);
}

/* The one process already leads its session. */
pid_t
setsid(void)
{
    return glue_fail(EPERM);
}

/* Started by the toolstack, not by a process: as if by init. */
pid_t
getppid(void)
{
    return 1;
}

/*
 * Matches pattern if it names an existing file (a literal path); flags
 * other than GLOB_APPEND and GLOB_DOOFFS are ignored. Returns 0,
 * GLOB_NOMATCH, GLOB_NOSPACE or GLOB_NOSYS (metacharacters).
 */
int
glob(const char *restrict pattern, int flags, int (*errfunc)(const char *, int),
     glob_t *restrict g)
{
    struct stat st;
    size_t offs, used;
    char **v;

    (void)errfunc;
    if (pattern[strcspn(pattern, "*?[{\\")] != '\0')
        return GLOB_NOSYS;
    if ((flags & GLOB_APPEND) == 0) {
        g->gl_pathc = 0;
        g->gl_pathv = NULL;
        g->gl_matchc = 0;
        if ((flags & GLOB_DOOFFS) == 0)
            g->gl_offs = 0;
    }
    if (stat(pattern, &st) != 0)
        return GLOB_NOMATCH;
    offs = (size_t)g->gl_offs;
    used = offs + (size_t)g->gl_pathc;
    v = realloc(g->gl_pathv, (used + 2) * sizeof(*v));
    if (v == NULL)
        return GLOB_NOSPACE;
    if (g->gl_pathv == NULL)
        for (size_t i = 0; i < offs; i++)
            v[i] = NULL;
    g->gl_pathv = v;
    v[used] = strdup(pattern);
    if (v[used] == NULL)
        return GLOB_NOSPACE;
    v[used + 1] = NULL;
    g->gl_pathc++;
    g->gl_matchc++;
    return 0;
}

void
globfree(glob_t *g)
{
    if (g->gl_pathv == NULL)
        return;
    for (int i = 0; i < g->gl_pathc; i++)
        free(g->gl_pathv[g->gl_offs + i]);
    free(g->gl_pathv);
    g->gl_pathv = NULL;
    g->gl_pathc = 0;
}
