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

int
main(void)
{
    test_errno();
    test_oflags();
    return unit_done("xlate");
}
