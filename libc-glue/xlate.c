/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translations of xlate.h: linear searches over the tables of
 * xlate_tables.h (errno has 88 rows; calls fail rarely enough). Built for
 * the guest it also checks the tables' newlib column against newlib's own
 * headers at compile time.
 */
#include "xlate.h"
#include "xlate_tables.h"

#if __has_include(<newlib.h>)
/* Some names of the table are extensions newlib shows only on request. */
#define __LINUX_ERRNO_EXTENSIONS__ 1
#include <errno.h>
#include <fcntl.h>

#define CHECK_NEWLIB(name, nb, nl)                                             \
    _Static_assert(name == (nl), #name " differs in newlib's headers");
XLATE_ERRNO(CHECK_NEWLIB)
XLATE_OFLAGS(CHECK_NEWLIB)
XLATE_FCNTL(CHECK_NEWLIB)
XLATE_LOCKTYPE(CHECK_NEWLIB)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
XLATE_SAME(CHECK_NEWLIB)
#endif

struct pair {
    int nb, nl;
};

#define ROW(name, nb, nl) {nb, nl},
static const struct pair errno_table[] = {XLATE_ERRNO(ROW)};
static const struct pair oflags_table[] = {XLATE_OFLAGS(ROW)};
static const struct pair fcntl_table[] = {XLATE_FCNTL(ROW)};
static const struct pair locktype_table[] = {XLATE_LOCKTYPE(ROW)};

#define N_ERRNO (sizeof(errno_table) / sizeof(errno_table[0]))
#define N_OFLAGS (sizeof(oflags_table) / sizeof(oflags_table[0]))
#define N_OF(t) (sizeof(t) / sizeof(t[0]))

/* The access mode bits, equal in both. */
#define ACCMODE 3

int
xlate_errno_to_newlib(int nb)
{
    if (nb == 0)
        return 0;
    for (unsigned i = 0; i < N_ERRNO; i++)
        if (errno_table[i].nb == nb)
            return errno_table[i].nl;
    return XLATE_EIO;
}

int
xlate_errno_to_netbsd(int nl)
{
    if (nl == 0)
        return 0;
    for (unsigned i = 0; i < N_ERRNO; i++)
        if (errno_table[i].nl == nl)
            return errno_table[i].nb;
    return XLATE_EIO;
}

/* Maps each bit of from through the table, towards NetBSD or newlib. */
static int
map_flags(int from, int *to, int to_netbsd)
{
    int left = from & ~ACCMODE, out = from & ACCMODE;

    for (unsigned i = 0; i < N_OFLAGS; i++) {
        int f = to_netbsd ? oflags_table[i].nl : oflags_table[i].nb;
        int t = to_netbsd ? oflags_table[i].nb : oflags_table[i].nl;

        if (left & f) {
            out |= t;
            left &= ~f;
        }
    }
    if (left != 0)
        return -1;
    *to = out;
    return 0;
}

int
xlate_oflags_to_netbsd(int nl, int *nb)
{
    return map_flags(nl, nb, 1);
}

int
xlate_oflags_to_newlib(int nb, int *nl)
{
    return map_flags(nb, nl, 0);
}

/* The value v of one column as the other's; -1 without a match. */
static int
lookup(const struct pair *t, unsigned n, int v, int to_netbsd)
{
    for (unsigned i = 0; i < n; i++)
        if ((to_netbsd ? t[i].nl : t[i].nb) == v)
            return to_netbsd ? t[i].nb : t[i].nl;
    return -1;
}

int
xlate_fcntl_cmd_to_netbsd(int nl)
{
    return lookup(fcntl_table, N_OF(fcntl_table), nl, 1);
}

int
xlate_fcntl_cmd_to_newlib(int nb)
{
    return lookup(fcntl_table, N_OF(fcntl_table), nb, 0);
}

int
xlate_locktype_to_netbsd(int nl)
{
    return lookup(locktype_table, N_OF(locktype_table), nl, 1);
}

int
xlate_locktype_to_newlib(int nb)
{
    return lookup(locktype_table, N_OF(locktype_table), nb, 0);
}
