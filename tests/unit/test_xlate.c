/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc-glue's translation tables (libc-glue/xlate.c), each both ways:
 * every row round-trips, no value appears twice in a column, unknown
 * values have their documented result, and (with the rump kernel's
 * headers, RUMP_HEADERS) the NetBSD column is the rump kernel's.
 */
#include <stdint.h>
#include <string.h>

#include "unit.h"
#include "xlate.h"
#include "xlate_tables.h"

#ifdef RUMP_HEADERS
#include <rump/rumpdefs.h>
#include <rump/rumperr.h>
#endif

struct row {
    const char *name;
    int nb, nl;
};

#define ROW(name, nb, nl) {#name, nb, nl},
static const struct row errnos[] = {XLATE_ERRNO(ROW)};
static const struct row oflags[] = {XLATE_OFLAGS(ROW)};
static const struct row fcntls[] = {XLATE_FCNTL(ROW)};
static const struct row locktypes[] = {XLATE_LOCKTYPE(ROW)};
static const struct row same[] = {XLATE_SAME(ROW)};
#define N(a) (int)(sizeof(a) / sizeof(a[0]))

static void
test_errno(void)
{
    for (int i = 0; i < N(errnos); i++) {
        CHECK(xlate_errno_to_newlib(errnos[i].nb) == errnos[i].nl);
        CHECK(xlate_errno_to_netbsd(errnos[i].nl) == errnos[i].nb);
        for (int j = 0; j < i; j++) {
            CHECK(errnos[i].nb != errnos[j].nb);
            CHECK(errnos[i].nl != errnos[j].nl);
        }
#ifdef RUMP_HEADERS
        {
            /* rumperr.h names each NetBSD value in a comment only: its
             * message must be a real one, not the unknown-error one. */
            CHECK(strcmp(rump_strerror(errnos[i].nb), "Invalid error!") != 0);
        }
#endif
    }
    /* Values that differ, spelled out. */
    CHECK(xlate_errno_to_newlib(78) == 88);  /* ENOSYS */
    CHECK(xlate_errno_to_newlib(35) == 11);  /* EAGAIN */
    CHECK(xlate_errno_to_newlib(60) == 116); /* ETIMEDOUT */
    CHECK(xlate_errno_to_netbsd(88) == 78);
    CHECK(xlate_errno_to_netbsd(11) == 35);
    CHECK(xlate_errno_to_netbsd(116) == 60);
    CHECK(xlate_errno_to_newlib(0) == 0 && xlate_errno_to_netbsd(0) == 0);
    /* No match: EIO. NetBSD's EAUTH (80) and newlib's ENOSHARE (136). */
    CHECK(xlate_errno_to_newlib(80) == XLATE_EIO);
    CHECK(xlate_errno_to_netbsd(136) == XLATE_EIO);
    CHECK(xlate_errno_to_newlib(-1) == XLATE_EIO);
}

static void
test_oflags(void)
{
    int all_nb = 0, all_nl = 0, out;

    for (int i = 0; i < N(oflags); i++) {
        for (int mode = 0; mode <= 2; mode++) {
            out = -1;
            CHECK(xlate_oflags_to_netbsd(oflags[i].nl | mode, &out) == 0 &&
                  out == (oflags[i].nb | mode));
            out = -1;
            CHECK(xlate_oflags_to_newlib(oflags[i].nb | mode, &out) == 0 &&
                  out == (oflags[i].nl | mode));
        }
        CHECK((all_nb & oflags[i].nb) == 0 && (all_nl & oflags[i].nl) == 0);
        all_nb |= oflags[i].nb;
        all_nl |= oflags[i].nl;
    }
    /* All at once, both ways. */
    CHECK(xlate_oflags_to_netbsd(all_nl | 2, &out) == 0 && out == (all_nb | 2));
    CHECK(xlate_oflags_to_newlib(all_nb | 1, &out) == 0 && out == (all_nl | 1));
    /* Bits without a match fail and leave the output alone. */
    out = 7;
    CHECK(xlate_oflags_to_netbsd(0x10000 /* newlib O_BINARY */, &out) == -1);
    CHECK(out == 7);
    CHECK(xlate_oflags_to_newlib(0x10 /* NetBSD O_SHLOCK */, &out) == -1);
    CHECK(out == 7);
#ifdef RUMP_HEADERS
    {
#define RUMP_ROW(name, nb, nl) CHECK(RUMP_##name == (nb));
        XLATE_OFLAGS(RUMP_ROW)
    }
#endif
}

/* A one-to-one table: each row both ways, no value twice in a column. */
static void
check_values(const struct row *t, int n, int (*to_nb)(int), int (*to_nl)(int))
{
    for (int i = 0; i < n; i++) {
        CHECK(to_nb(t[i].nl) == t[i].nb);
        CHECK(to_nl(t[i].nb) == t[i].nl);
        for (int j = 0; j < i; j++)
            CHECK(t[i].nb != t[j].nb && t[i].nl != t[j].nl);
    }
}

static void
test_fcntl(void)
{
    check_values(fcntls, N(fcntls), xlate_fcntl_cmd_to_netbsd,
                 xlate_fcntl_cmd_to_newlib);
    check_values(locktypes, N(locktypes), xlate_locktype_to_netbsd,
                 xlate_locktype_to_newlib);
    /* The rows that differ, spelled out. */
    CHECK(xlate_fcntl_cmd_to_netbsd(14) == 12); /* F_DUPFD_CLOEXEC */
    CHECK(xlate_fcntl_cmd_to_newlib(12) == 14);
    CHECK(xlate_locktype_to_netbsd(2) == 3); /* F_WRLCK */
    CHECK(xlate_locktype_to_newlib(2) == 3); /* F_UNLCK */
    /* No match: -1. newlib's F_RGETLK 10, NetBSD's F_CLOSEM 10. */
    CHECK(xlate_fcntl_cmd_to_netbsd(10) == -1);
    CHECK(xlate_fcntl_cmd_to_newlib(10) == -1);
    CHECK(xlate_locktype_to_netbsd(0) == -1);
    CHECK(xlate_locktype_to_newlib(4) == -1);
}

/*
 * The constants libc-glue/include defines with NetBSD's values: equal
 * columns, and (with the rump kernel's headers) NetBSD's indeed where
 * rumpdefs.h names them (poll flags, ioctls, rlimits and IPV6_V6ONLY it
 * does not: the libc_io and libc_sock guest tests use those).
 */
static void
test_same(void)
{
    for (int i = 0; i < N(same); i++)
        CHECK(same[i].nb == same[i].nl);
#ifdef RUMP_HEADERS
    {
#define CHECK_RUMP(name, v) CHECK(RUMP_##name == (v))
        CHECK(RUMP_AF_UNSPEC == 0 && RUMP_AF_LOCAL == 1 && RUMP_AF_INET == 2);
        CHECK(RUMP_AF_INET6 == 24);
        CHECK(RUMP_SOCK_STREAM == 1 && RUMP_SOCK_DGRAM == 2);
        CHECK(RUMP_SOCK_RAW == 3 && RUMP_SOCK_SEQPACKET == 5);
        CHECK(RUMP_SOCK_CLOEXEC == 0x10000000);
        CHECK(RUMP_SOCK_NONBLOCK == 0x20000000);
        CHECK(RUMP_SOL_SOCKET == 0xffff);
        CHECK_RUMP(SO_DEBUG, 0x1);
        CHECK_RUMP(SO_ACCEPTCONN, 0x2);
        CHECK_RUMP(SO_REUSEADDR, 0x4);
        CHECK_RUMP(SO_KEEPALIVE, 0x8);
        CHECK_RUMP(SO_DONTROUTE, 0x10);
        CHECK_RUMP(SO_BROADCAST, 0x20);
        CHECK_RUMP(SO_LINGER, 0x80);
        CHECK_RUMP(SO_OOBINLINE, 0x100);
        CHECK_RUMP(SO_REUSEPORT, 0x200);
        CHECK_RUMP(SO_NOSIGPIPE, 0x800);
        CHECK_RUMP(SO_TIMESTAMP, 0x2000);
        CHECK_RUMP(SO_SNDBUF, 0x1001);
        CHECK_RUMP(SO_RCVBUF, 0x1002);
        CHECK_RUMP(SO_SNDLOWAT, 0x1003);
        CHECK_RUMP(SO_RCVLOWAT, 0x1004);
        CHECK_RUMP(SO_ERROR, 0x1007);
        CHECK_RUMP(SO_TYPE, 0x1008);
        CHECK_RUMP(SO_SNDTIMEO, 0x100b);
        CHECK_RUMP(SO_RCVTIMEO, 0x100c);
        CHECK_RUMP(MSG_OOB, 0x1);
        CHECK_RUMP(MSG_PEEK, 0x2);
        CHECK_RUMP(MSG_DONTROUTE, 0x4);
        CHECK_RUMP(MSG_EOR, 0x8);
        CHECK_RUMP(MSG_TRUNC, 0x10);
        CHECK_RUMP(MSG_CTRUNC, 0x20);
        CHECK_RUMP(MSG_WAITALL, 0x40);
        CHECK_RUMP(MSG_DONTWAIT, 0x80);
        CHECK_RUMP(MSG_NOSIGNAL, 0x400);
        CHECK_RUMP(IPPROTO_IP, 0);
        CHECK_RUMP(IPPROTO_TCP, 6);
        CHECK_RUMP(IPPROTO_UDP, 17);
        CHECK_RUMP(IPPROTO_IPV6, 41);
        CHECK_RUMP(IP_TOS, 3);
        CHECK_RUMP(IP_TTL, 4);
        CHECK_RUMP(IP_MULTICAST_IF, 9);
        CHECK_RUMP(IP_MULTICAST_TTL, 10);
        CHECK_RUMP(IP_MULTICAST_LOOP, 11);
        CHECK_RUMP(IP_ADD_MEMBERSHIP, 12);
        CHECK_RUMP(IP_DROP_MEMBERSHIP, 13);
        CHECK_RUMP(TCP_NODELAY, 1);
        CHECK_RUMP(TCP_MAXSEG, 2);
        CHECK_RUMP(TCP_KEEPIDLE, 3);
        CHECK_RUMP(TCP_KEEPINTVL, 5);
        CHECK_RUMP(TCP_KEEPCNT, 6);
    }
#endif
}

int
main(void)
{
    test_errno();
    test_oflags();
    test_fcntl();
    test_same();
    return unit_done("xlate");
}
