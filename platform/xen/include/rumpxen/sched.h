/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cooperative threads on one vCPU. A thread runs until it blocks, yields or
 * exits; pending events and expired timers are handled at those points and
 * in the idle loop, never by interrupting code. Each thread has its own ELF
 * TLS block (%fs base) and a stack with an unmapped guard page below it.
 */
#ifndef RUMPXEN_SCHED_H
#define RUMPXEN_SCHED_H

#include <stddef.h>
#include <stdint.h>

struct thread;

/* A set of threads waiting for a condition; zero-initialised is empty. */
struct waitq {
    struct thread *head, *tail;
};

#define SCHED_JOINABLE 1
#define SCHED_STACK_DEFAULT (64 * 1024)
/*
 * The stack of the thread "main", on which the constructors (the rump
 * kernel's bring-up) and main() run: 256 KiB, the size of a NetBSD kernel
 * thread's stack many times over, room for the application's own frames,
 * and still 1/16 of a 4 MiB guest. A thread that overflows its stack
 * crashes the guest with "stack overflow in thread NAME": when code built
 * with -fsplit-stack (ours) would go below a limit 1 KiB above the guard
 * page, when a thread enters the scheduler with less than 2 KiB left or
 * with the canary at its stack's bottom overwritten, or when other code
 * (the rump kernel) touches the guard page (reported on PVH only: Xen
 * kills a PV guest that faults with %rsp in the guard page).
 */
#define SCHED_MAIN_STACK_SIZE (256 * 1024)

/*
 * Creates a runnable thread that calls fn(arg) and exits when fn returns.
 * stack_size 0 means SCHED_STACK_DEFAULT. flags: SCHED_JOINABLE (then
 * sched_join must be called once). Returns NULL and sets *err (-RX_ENOMEM,
 * -RX_EINVAL) on failure. Does not switch to the new thread.
 */
struct thread *sched_create(const char *name, void (*fn)(void *), void *arg,
                            size_t stack_size, int flags, int *err);

/* Waits until t has exited and frees it. t must be joinable. */
int sched_join(struct thread *t);

/* Ends the calling thread. */
void sched_exit(void) __attribute__((noreturn));

/* Lets every other runnable thread run once before the caller again. */
void sched_thread_yield(void);

/* Blocks until the monotonic clock reaches deadline_ns (time_now_ns()). */
void sched_sleep_until(uint64_t deadline_ns);

struct thread *sched_current(void);
const char *sched_name(const struct thread *t);

/*
 * One pointer per thread for the layer above (the rump kernel's curlwp,
 * read many times per rump system call): a word of the running thread's
 * TCB, %fs:SCHED_TCB_COOKIE, so getting and setting it is one instruction
 * and no call. NULL in a new thread. Only once sched_init() has run (until
 * then %fs has no TCB).
 */
#define SCHED_TCB_COOKIE 0x78

static inline void
sched_set_cookie(void *cookie)
{
    __asm__ volatile("movq %0, %%fs:%c1"
                     :
                     : "r"(cookie), "i"(SCHED_TCB_COOKIE)
                     : "memory");
}

static inline void *
sched_get_cookie(void)
{
    void *cookie;

    __asm__ volatile("movq %%fs:%c1, %0"
                     : "=r"(cookie)
                     : "i"(SCHED_TCB_COOKIE));
    return cookie;
}

/*
 * Blocks the caller on wq until woken or until deadline_ns (0: none).
 * Returns 0 if woken, -RX_ETIMEDOUT if the deadline passed first.
 */
int waitq_wait(struct waitq *wq, uint64_t deadline_ns);

/* Wakes the longest waiter / all waiters. Never blocks; callable anywhere
 * in thread context, including event handlers. Returns how many woke. */
int waitq_wake_one(struct waitq *wq);
int waitq_wake_all(struct waitq *wq);

/* Statistics of the scheduler. */
struct sched_stats {
    uint64_t switches;   /* context switches so far */
    uint64_t idle_blocks; /* times the vCPU blocked in Xen */
};
void sched_get_stats(struct sched_stats *st);

#endif
