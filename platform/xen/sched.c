/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cooperative threads on one vCPU: run queue, wait queues, sleeping with
 * deadlines (timerq.c), per-thread ELF TLS and guarded stacks. Events and
 * timers are handled only here, when a thread blocks or yields, and the
 * idle loop blocks in Xen with a one-shot timer for the next deadline.
 * The boot stack runs only until sched_start() switches to "main", then
 * serves stack overflow reports. Overflows are caught by the -fsplit-stack
 * limit in each thread's TCB (__morestack, switch.S), at every switch by a
 * margin and a canary at each stack's bottom, and by the guard pages
 * (traps.c names the thread).
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "evtchn_priv.h"
#include "xen_hypercall_priv.h"
#include "platform_priv.h"
#include "timerq_priv.h"
#include "tls_layout_priv.h"

_Static_assert(SCHED_TCB_COOKIE == TLS_TCB_COOKIE &&
                   TLS_TCB_COOKIE + 8 <= TLS_TCB_SIZE,
               "the cookie's TCB word");

enum thread_state {
    THREAD_RUNNABLE,
    THREAD_BLOCKED,
    THREAD_EXITED,
};

struct thread {
    uint64_t sp; /* saved %rsp while switched out */
    char name[24];
    enum thread_state state;
    int flags;
    struct thread *next;     /* run queue or wait queue link */
    struct waitq *waiting;   /* the waitq this thread is on, if any */
    int wake_result;         /* 0 woken, -RX_ETIMEDOUT */
    struct timerq_node timer;
    void (*fn)(void *);
    void *arg;
    void *stack;             /* lowest page is the guard; NULL: boot stack */
    size_t stack_pages;
    struct crash_stack bounds; /* for fault reports (traps.c) */
    void *tls;               /* TLS block allocation */
    uint64_t fs_base;        /* thread pointer (TCB) */
    struct waitq joiners;
};

/* The PT_TLS segment, from the linker script (checked by check-tls.sh). */
extern char _tls_start[], _tls_filesz[], _tls_memsz[], _tls_align[];

void sched_switch(uint64_t *save_sp, uint64_t load_sp);
/* Its first code: calls the function in %rbx (sched_thread_main). */
void sched_thread_entry(void);

/*
 * Bytes a thread must have left above its guard page whenever it enters
 * the scheduler: event handlers and the switch itself run on its stack
 * (a few hundred bytes), so less than this is treated as an overflow
 * before the guard is hit (on PV a fault on the guard can not be reported:
 * Xen can not write the exception frame and kills the domain).
 */
#define STACK_MARGIN 2048
/* Words at the bottom of every stack that only an overflow overwrites. */
#define CANARY_WORDS 4
#define CANARY 0x5354434b43414e59ULL /* "STCKCANY" */
/*
 * Bytes kept free above the guard page by -fsplit-stack code: its small
 * functions check %rsp itself and may then use 256 bytes below it.
 */
#define STACK_RESERVE 1024

/* The boot context: runs on the boot stack until sched_start(). */
static struct thread boot_thread;
static struct thread *current = &boot_thread;
static struct thread *main_thread;
static const char *in_handler; /* set while event handlers run */
static struct thread *runq_head, *runq_tail;
static struct thread *reap; /* exited detached thread to free */
static struct timerq sleepers;
static evtchn_port_t timer_port;
static uint64_t timer_armed; /* deadline the one-shot timer is set to */
static struct sched_stats stats;

static void
runq_push(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    t->next = NULL;
    if (runq_tail)
        runq_tail->next = t;
    else
        runq_head = t;
    runq_tail = t;
}

static struct thread *
runq_pop(void)
{
    struct thread *t = runq_head;

    if (t) {
        runq_head = t->next;
        if (runq_head == NULL)
            runq_tail = NULL;
        t->next = NULL;
    }
    return t;
}

static void
set_fs_base(uint64_t base)
{
    if (boot_is_pv())
        (void)hypercall__set_segment_base(SEGBASE_FS, base);
    else
        cpu_set_fs_base(base);
}

/* Allocates t's TLS block and sets its thread pointer (tls_layout.c). */
static int
tls_alloc(struct thread *t)
{
    struct tls_segment seg = {
        .init = _tls_start,
        .filesz = (size_t)_tls_filesz,
        .memsz = (size_t)_tls_memsz,
        .align = (size_t)_tls_align,
    };
    struct tls_layout l;

    if (tls_layout(&seg, &l) < 0)
        panic("sched: malformed TLS segment (filesz %zu, memsz %zu, "
              "align %zu)", seg.filesz, seg.memsz, seg.align);
    t->tls = mm_malloc(l.size, l.align);
    if (t->tls == NULL)
        return -RX_ENOMEM;
    t->fs_base = tls_init_block(&seg, &l, t->tls);
    return 0;
}

static void
thread_free(struct thread *t)
{
    if (t->stack) {
        (void)mm_guard_page(t->stack, 0);
        mm_free_pages(t->stack, t->stack_pages);
    }
    mm_free(t->tls);
    mm_free(t);
}

/* Frees a detached thread that exited; never the one we run on. */
static void
reap_exited(void)
{
    if (reap && reap != current) {
        thread_free(reap);
        reap = NULL;
    }
}

static void
timer_handler(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
    timer_armed = 0;
}

/* Arms Xen's one-shot timer for the earliest sleeper, if it changed. */
static void
timer_arm(void)
{
    struct timerq_node *first = timerq_first(&sleepers);
    struct vcpu_set_singleshot_timer t = { .flags = 0 };

    if (first == NULL || first->deadline == timer_armed)
        return;
    t.timeout_abs_ns = first->deadline;
    if (hypercall__vcpu_op(VCPUOP_set_singleshot_timer, 0, &t) == 0)
        timer_armed = first->deadline;
}

/* Wakes t (blocked on a waitq, sleeping, or both) with result r. */
static void
wake(struct thread *t, int r)
{
    struct waitq *wq = t->waiting;

    if (wq) {
        struct thread **pp = &wq->head, *prev = NULL;

        while (*pp && *pp != t) {
            prev = *pp;
            pp = &(*pp)->next;
        }
        if (*pp) {
            *pp = t->next;
            if (wq->tail == t)
                wq->tail = prev;
        }
        t->waiting = NULL;
    }
    timerq_remove(&sleepers, &t->timer);
    t->wake_result = r;
    runq_push(t);
}

static void
expire_timers(void)
{
    struct timerq_node *n;
    uint64_t now;

    /*
     * Reading the clock may exit to Xen (emulated TSC): only if needed.
     * While Xen's one-shot timer is armed for the earliest deadline (its
     * event clears timer_armed) no deadline has passed, and this runs at
     * every context switch. Otherwise: read, wake, arm for the new first.
     */
    n = timerq_first(&sleepers);
    if (n == NULL || n->deadline == timer_armed)
        return;
    now = time_now_ns();
    while ((n = timerq_pop_expired(&sleepers, now)) != NULL) {
        struct thread *t = (struct thread *)((char *)n -
                                            __builtin_offsetof(struct thread,
                                                               timer));
        wake(t, -RX_ETIMEDOUT);
    }
    timer_arm();
}

/* Called on entry to the scheduler: t must have room and its canary. */
static void
stack_check(struct thread *t)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    const uint64_t *canary = (const uint64_t *)t->bounds.bottom;

    if (t->stack == NULL)
        return;
    if (sp < t->bounds.bottom + STACK_MARGIN)
        crash_stack_overflow(&t->bounds, sp, 0, sp,
                             "less than 2 KiB left on entering the "
                             "scheduler");
    for (int i = 0; i < CANARY_WORDS; i++)
        if (canary[i] != CANARY)
            crash_stack_overflow(&t->bounds, sp, 0, sp,
                                 "the canary at the stack's bottom was "
                                 "overwritten");
}

/* Panics when a blocking call comes from an event handler. */
static void
may_block(const char *what)
{
    if (in_handler)
        panic("sched: %s called from %s; handlers can not block (wake a "
              "thread instead)",
              what, in_handler);
}

/*
 * Picks the next thread and switches to it. The caller has already put
 * current on the run queue, a wait queue or the sleepers, or marked it
 * exited. Handles events and timers; blocks the vCPU when nothing runs.
 */
static void
schedule(void)
{
    struct thread *prev = current, *next;

    stack_check(prev);
    for (;;) {
        in_handler = "an event handler";
        evtchn_dispatch();
        in_handler = NULL;
        expire_timers();
        next = runq_pop();
        if (next)
            break;
        timer_arm();
        stats.idle_blocks++;
        evtchn_block();
    }
    if (next != prev) {
        stats.switches++;
        current = next;
        crash_stack_current = &next->bounds;
        set_fs_base(next->fs_base);
        sched_switch(&prev->sp, next->sp);
        /* Back in prev, switched to by a later schedule(). */
    }
    reap_exited();
}

static void
sched_thread_main(void)
{
    reap_exited();
    current->fn(current->arg);
    sched_exit();
}

struct thread *
sched_create(const char *name, void (*fn)(void *), void *arg,
             size_t stack_size, int flags, int *err)
{
    struct thread *t;
    uint64_t *sp;
    size_t pages;

    if (stack_size == 0)
        stack_size = SCHED_STACK_DEFAULT;
    if (fn == NULL || (flags & ~SCHED_JOINABLE) || stack_size > (64UL << 20)) {
        *err = -RX_EINVAL;
        return NULL;
    }
    pages = (stack_size + PAGE_SIZE - 1) / PAGE_SIZE + 1; /* + guard */
    t = mm_malloc(sizeof(*t), 0);
    if (t == NULL)
        goto nomem;
    memset(t, 0, sizeof(*t));
    if (tls_alloc(t) < 0)
        goto nomem_thread;
    t->stack = mm_alloc_pages(pages, 0);
    if (t->stack == NULL)
        goto nomem_tls;
    t->stack_pages = pages;
    (void)mm_guard_page(t->stack, 1);
    fmt_snprintf(t->name, sizeof(t->name), "%s", name ? name : "thread");
    t->fn = fn;
    t->arg = arg;
    t->flags = flags;
    t->bounds = (struct crash_stack){
        .guard = (uintptr_t)t->stack,
        .bottom = (uintptr_t)t->stack + PAGE_SIZE,
        .top = (uintptr_t)t->stack + pages * PAGE_SIZE,
        .name = t->name,
    };
    for (int i = 0; i < CANARY_WORDS; i++)
        ((uint64_t *)t->bounds.bottom)[i] = CANARY;
    *(uint64_t *)(t->fs_base + TLS_TCB_STACK_LIMIT) =
        t->bounds.bottom + STACK_RESERVE;

    /*
     * The six callee-saved registers sched_switch pops (r15, r14, r13, r12,
     * rbx, rbp; rbx holds the C entry), then the "return" into the entry,
     * which starts with %rsp at the 16-byte aligned top, as a call expects.
     */
    sp = (uint64_t *)((char *)t->stack + pages * PAGE_SIZE);
    *--sp = (uintptr_t)sched_thread_entry;
    *--sp = 0;                           /* rbp */
    *--sp = (uintptr_t)sched_thread_main; /* rbx */
    for (int i = 0; i < 4; i++)
        *--sp = 0;
    t->sp = (uintptr_t)sp;
    runq_push(t);
    return t;

nomem_tls:
    mm_free(t->tls);
nomem_thread:
    mm_free(t);
nomem:
    *err = -RX_ENOMEM;
    return NULL;
}

int
sched_join(struct thread *t)
{
    may_block("sched_join");
    if (t == NULL || !(t->flags & SCHED_JOINABLE) || t == current)
        return -RX_EINVAL;
    while (t->state != THREAD_EXITED)
        (void)waitq_wait(&t->joiners, 0);
    thread_free(t);
    return 0;
}

void
sched_exit(void)
{
    may_block("sched_exit");
    if (current == main_thread)
        panic("sched: the main thread can not exit; return from main() or "
              "call platform_exit()");
    current->state = THREAD_EXITED;
    waitq_wake_all(&current->joiners);
    if (!(current->flags & SCHED_JOINABLE)) {
        reap_exited(); /* at most one pending at a time */
        reap = current;
    }
    schedule();
    panic("sched: exited thread %s was scheduled again", current->name);
}

void
sched_thread_yield(void)
{
    may_block("sched_thread_yield");
    runq_push(current);
    schedule();
}

void
sched_sleep_until(uint64_t deadline_ns)
{
    may_block("sched_sleep_until");
    current->state = THREAD_BLOCKED;
    timerq_insert(&sleepers, &current->timer, deadline_ns);
    schedule();
}

int
waitq_wait(struct waitq *wq, uint64_t deadline_ns)
{
    struct thread *t = current;

    may_block("waitq_wait");
    t->state = THREAD_BLOCKED;
    t->next = NULL;
    t->waiting = wq;
    if (wq->tail)
        wq->tail->next = t;
    else
        wq->head = t;
    wq->tail = t;
    if (deadline_ns)
        timerq_insert(&sleepers, &t->timer, deadline_ns);
    schedule();
    return t->wake_result;
}

int
waitq_wake_one(struct waitq *wq)
{
    if (wq->head == NULL)
        return 0;
    wake(wq->head, 0);
    return 1;
}

int
waitq_wake_all(struct waitq *wq)
{
    int n = 0;

    while (wq->head) {
        wake(wq->head, 0);
        n++;
    }
    return n;
}

struct thread *
sched_current(void)
{
    return current;
}

const char *
sched_name(const struct thread *t)
{
    return t->name;
}

void
sched_get_stats(struct sched_stats *st)
{
    *st = stats;
}

void
sched_init(void)
{
    int rc;

    fmt_snprintf(boot_thread.name, sizeof(boot_thread.name), "boot");
    boot_thread.bounds = (struct crash_stack){ .name = boot_thread.name };
    crash_stack_current = &boot_thread.bounds;
    if (tls_alloc(&boot_thread) < 0)
        panic("sched: no memory for the boot context's TLS");
    set_fs_base(boot_thread.fs_base);
    rc = evtchn_bind_virq(VIRQ_TIMER, timer_handler, NULL, &timer_port);
    if (rc < 0)
        panic("sched: can not bind VIRQ_TIMER (%d)", rc);
}

void
sched_start(void (*fn)(void *), void *arg)
{
    int err;

    main_thread = sched_create("main", fn, arg, SCHED_MAIN_STACK_SIZE, 0,
                               &err);
    if (main_thread == NULL)
        panic("sched: can not create the main thread (%d)", err);
    /* The boot context is never runnable again: this switches for good. */
    boot_thread.state = THREAD_EXITED;
    schedule();
    panic("sched: the boot context was scheduled again");
}
