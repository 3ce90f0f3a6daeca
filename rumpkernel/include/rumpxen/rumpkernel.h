/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rump kernel inside a rumpxen image: it is brought up (rump_init())
 * before main() runs; this tells how that went.
 */
#ifndef RUMPXEN_RUMPKERNEL_H
#define RUMPXEN_RUMPKERNEL_H

#include <stdint.h>

/* Nanoseconds rump_init() took during boot. */
uint64_t rumpkernel_init_ns(void);

/* Exit status of a guest whose RUMP_MEMLIMIT was refused at boot, or whose
 * domain has too little memory for the rump kernel. */
#define RUMPKERNEL_EXIT_MEMLIMIT 78

/*
 * How the domain's memory was split when the rump kernel came up, in
 * bytes: free then, the platform's reserve (never given to the rump
 * kernel), what the rump kernel's own threads take from the platform, the
 * application's share, and the rump kernel's limit (RUMP_MEMLIMIT),
 * explicit (from the command line) or the default.
 */
struct rumpkernel_mem {
    uint64_t free;
    uint64_t reserve;
    uint64_t kthreads;
    uint64_t app;
    uint64_t limit;
    int explicit;
};
void rumpkernel_get_mem(struct rumpkernel_mem *out);

/*
 * Chooses the limit and sets the platform's reserve; run once by the
 * bring-up before rump_init(). Exits the guest with RUMPKERNEL_EXIT_MEMLIMIT
 * if the command line's RUMP_MEMLIMIT is refused or the domain is too
 * small (the console says why).
 */
void rumpkernel_memlimit_setup(void);

#endif
