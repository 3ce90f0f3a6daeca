/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread context switch. Cooperative switches happen at calls, so only the
 * callee-saved registers of the SysV ABI are saved (rbx, rbp, r12-r15);
 * SSE registers are all caller-saved and MXCSR/x87 control stay constant.
 * Also: calling a function on another stack, and __morestack, which code
 * compiled with -fsplit-stack calls when a call would go below the
 * running thread's stack limit (%fs:0x70, set by sched.c).
 */
    .text
/* void sched_switch(uint64_t *save_sp, uint64_t load_sp) */
    .globl sched_switch
sched_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/*
 * First code of a new thread: sched_create() leaves its stack so that
 * sched_switch "returns" here with a 16-byte aligned %rsp.
 */
    .globl sched_thread_entry
sched_thread_entry:
    xorl %ebp, %ebp
    call sched_thread_main
    ud2

/*
 * void sched_call_on_stack(void (*fn)(void), uintptr_t sp): calls fn with
 * %rsp = sp (16-byte aligned) and keeps %rbp, so a backtrace from fn walks
 * on into the frames of the stack it came from. fn must not return.
 */
    .globl sched_call_on_stack
sched_call_on_stack:
    movq %rsi, %rsp
    call *%rdi
    ud2

/*
 * Called by a -fsplit-stack prologue whose frame would cross the stack
 * limit, with the return address into that function on top. We never
 * grow stacks: clear the limit (so the report's own calls pass), move to
 * the boot stack and report (sched.c). %rbp still chains the frames.
 */
    .globl __morestack
__morestack:
    movq $0, %fs:0x70
    movq %rsp, %rdi
    movq (%rsp), %rsi
    movq %rbp, %rdx
    movq $boot_stack_top, %rsp
    call sched_stack_limit_hit
    ud2
