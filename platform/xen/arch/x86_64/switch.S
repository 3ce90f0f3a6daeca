/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread context switch. Cooperative switches happen at calls, so only the
 * callee-saved registers of the SysV ABI are saved (rbx, rbp, r12-r15);
 * SSE registers are all caller-saved and MXCSR/x87 control stay constant.
 * Calls nothing by name: a new thread's C entry comes in %rbx.
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
 * sched_switch "returns" here with a 16-byte aligned %rsp and the C entry
 * (which never returns) in %rbx.
 */
    .globl sched_thread_entry
sched_thread_entry:
    xorl %ebp, %ebp
    call *%rbx
    ud2
