/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * __morestack, which code compiled with -fsplit-stack calls when a call
 * would go below the running thread's stack limit (%fs:0x70, see
 * tls_layout_priv.h), and the stack that crash reports run on. The bottom
 * of the platform: it calls nothing by name; crash.c installs the report
 * function in morestack_handler.
 */
    .bss
    .balign 16
    .globl crash_stack, crash_stack_top
crash_stack:
    .skip 16384
crash_stack_top:

    .data
    .balign 8
    .globl morestack_handler
/* void (*)(uintptr_t sp, uintptr_t ret, uintptr_t fp), noreturn */
morestack_handler:
    .quad 0

    .text
/*
 * Entered from a -fsplit-stack prologue whose frame would cross the limit,
 * with the return address into that function on top. We never grow
 * stacks: clear the limit (so the report's own calls pass), move to the
 * crash stack and report. %rbp still chains the overflowed frames.
 */
    .globl __morestack
__morestack:
    movq $0, %fs:0x70
    movq %rsp, %rdi
    movq (%rsp), %rsi
    movq %rbp, %rdx
    movq $crash_stack_top, %rsp
    movq morestack_handler(%rip), %rax
    testq %rax, %rax
    jz 1f
    call *%rax
1:  ud2
