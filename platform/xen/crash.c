/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How a guest ends badly: panic(), stack overflow reports, symbolised
 * backtraces and the crash shutdown. Below everything but the console,
 * boot facts and the string functions, so every subsystem (and the trap
 * handler) can end the guest without calling above itself. Not the trap
 * handler (arch/x86_64/traps.c) nor the normal exit (boot.c).
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>

#include "platform_priv.h"
#include "tls_layout_priv.h"
#include "xen_hypercall_priv.h"

/* The image's text symbols, generated at link time (scripts/ksyms.sh). */
extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addr[];
extern const uint32_t ksyms_name[];
extern const char ksyms_strings[];
extern char _image_start[], _etext[];

/* From arch/x86_64/morestack.S. */
extern char crash_stack_top[];
extern void (*morestack_handler)(uintptr_t, uintptr_t, uintptr_t);
extern int console_mirror_e9;

const struct crash_stack *crash_stack_current;

/* The overflow being reported, handed across the switch to crash_stack. */
static struct {
    const struct crash_stack *stack;
    uintptr_t sp, ret, caller, fp;
    const char *how;
} overflow;

const char *
ksym_lookup(uintptr_t addr, uintptr_t *off)
{
    uint64_t lo = 0, hi = ksyms_count;

    if (addr < (uintptr_t)_image_start || addr >= (uintptr_t)_etext ||
        hi == 0 || addr < ksyms_addr[0])
        return NULL;
    /* Largest entry <= addr; the table is sorted by address. */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;

        if (ksyms_addr[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *off = addr - ksyms_addr[lo];
    return ksyms_strings + ksyms_name[lo];
}

void
crash_print_symbol(uintptr_t addr)
{
    uintptr_t off;
    const char *name = ksym_lookup(addr, &off);

    if (name)
        console_printf("0x%016lx <%s+0x%lx>\n", (unsigned long)addr, name,
                       (unsigned long)off);
    else
        console_printf("0x%016lx\n", (unsigned long)addr);
}

void
backtrace_print(uintptr_t fp)
{
    console_printf("backtrace:\n");
    /*
     * Frame-pointer walk: each frame holds the caller's rbp then the return
     * address. Stop at a pointer that is misaligned, outside mapped
     * memory (thread stacks may lie below the image), or not moving up
     * the stack.
     */
    for (int depth = 0; depth < 32; depth++) {
        const uintptr_t *frame = (const uintptr_t *)fp;

        if ((fp & 7) || fp < PAGE_SIZE || fp + 16 > boot_state.mapped_top)
            break;
        if (frame[1] == 0)
            break;
        console_printf("  ");
        crash_print_symbol(frame[1] - 1);
        if (frame[0] <= fp)
            break;
        fp = frame[0];
    }
}

void
platform_crash(void)
{
    (void)console_flush(2000);
    for (;;)
        (void)sched_shutdown_op(SHUTDOWN_crash);
}

void
panic(const char *fmt, ...)
{
    static int panicking;
    va_list ap;

    if (panicking++)
        platform_crash();
    console_mirror_e9 = 1;
    console_printf("panic: ");
    va_start(ap, fmt);
    console_vprintf(fmt, ap);
    va_end(ap);
    console_printf("\n");
    backtrace_print((uintptr_t)__builtin_frame_address(0));
    platform_crash();
}

/* Runs on crash_stack: the overflowed stack may have no room left. */
static void __attribute__((noreturn))
overflow_report(void)
{
    const struct crash_stack *s = overflow.stack;

    console_mirror_e9 = 1;
    console_printf("panic: stack overflow in thread %s: %s (rsp 0x%lx, "
                   "stack 0x%lx-0x%lx above a guard page)\n",
                   s ? s->name : "boot", overflow.how,
                   (unsigned long)overflow.sp,
                   (unsigned long)(s ? s->bottom : 0),
                   (unsigned long)(s ? s->top : 0));
    if (overflow.ret) {
        console_printf("in ");
        crash_print_symbol(overflow.ret);
    }
    if (overflow.caller) {
        console_printf("called from ");
        crash_print_symbol(overflow.caller - 1);
    }
    backtrace_print(overflow.fp);
    platform_crash();
}

void
crash_stack_overflow(const struct crash_stack *s, uintptr_t sp,
                     uintptr_t ret, uintptr_t fp, const char *how)
{
    /* No limit: the report's own calls must pass the split-stack check. */
    __asm__ volatile("movq $0, %%fs:%c0" : : "i"(TLS_TCB_STACK_LIMIT)
                     : "memory");
    overflow.stack = s;
    overflow.sp = sp;
    overflow.ret = ret;
    overflow.fp = fp;
    overflow.how = how;
    __asm__ volatile("movq %0, %%rsp\n\t"
                     "call *%1\n\t"
                     "ud2"
                     :
                     : "r"((uintptr_t)crash_stack_top), "r"(overflow_report)
                     : "memory");
    __builtin_unreachable();
}

/*
 * Installed in morestack_handler: __morestack moved to crash_stack. The
 * split-stack check comes before the frame setup, so sp holds the return
 * into the function that stopped, then its own return into its caller.
 */
static void __attribute__((noreturn))
limit_hit(uintptr_t sp, uintptr_t ret, uintptr_t fp)
{
    overflow.stack = crash_stack_current;
    overflow.sp = sp;
    overflow.ret = ret;
    overflow.caller = ((const uintptr_t *)sp)[1];
    overflow.fp = fp;
    overflow.how = "a call would cross the stack limit";
    overflow_report();
}

void
crash_init(void)
{
    morestack_handler = limit_hit;
}
