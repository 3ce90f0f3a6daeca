/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: a stack overflow inside the rump kernel is reported, PV and
 * PVH. main() brings its stack pointer just below the thread's stack limit
 * (the word at %fs:0x70, 1 KiB above the guard page) and makes a system
 * call (getpid, through rump___sysimpl_getpid) from there: the rump kernel's
 * first function must find the limit crossed and report the overflow
 * naming itself. A kernel built without the check would run on into the
 * guard page, which a PV guest can not report.
 */
#include <rumpxen/console.h>
#include <rumpxen/rump_host.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>

static int __attribute__((noinline))
call_below_limit(void)
{
    uintptr_t limit;
    long rc;

    __asm__ volatile("movq %%fs:0x70, %0" : "=r"(limit));
    if (limit == 0)
        return -1;
    /*
     * %rsp 64 bytes below the limit (960 above the guard page), 16-byte
     * aligned before the call as the ABI wants; %rbp still chains our
     * frames for the report's backtrace.
     */
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "movq %1, %%rsp\n\t"
                     "call rump___sysimpl_getpid\n\t"
                     "movq %%rbx, %%rsp"
                     : "=a"(rc)
                     : "r"((limit - 64) & ~(uintptr_t)15)
                     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
                       "r11", "memory", "cc");
    return (int)rc;
}

int
main(void)
{
    console_printf("rumpstack: calling the rump kernel below the stack "
                   "limit\n");
    if (call_below_limit() < 0)
        console_printf("rumpstack: no stack limit to test against\n");
    console_printf("rumpstack: still alive, which is wrong\n");
    return 1;
}
