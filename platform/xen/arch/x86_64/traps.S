/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exception entry stubs for vectors 0-31. hvm_trap_N is the native (PVH)
 * entry; pv_trap_N first pops the %rcx and %r11 that Xen pushes for a PV
 * guest, leaving the native frame. Both build a struct trap_frame and call
 * trap_handler(), which reports and never returns.
 */

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
                    (v) == 21 || (v) == 29 || (v) == 30)

    .text
    .macro TRAP vec
hvm_trap_\vec:
    .if !HAS_ERR(\vec)
    pushq $0
    .endif
    pushq $\vec
    jmp trap_common
pv_trap_\vec:
    popq %rcx
    popq %r11
    jmp hvm_trap_\vec
    .endm

    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    TRAP \v
    .endr

trap_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi
    andq $-16, %rsp
    /* No stack limit (see switch.S): the #DF stack may lie below it. */
    movq $0, %fs:0x70
    call trap_handler
    ud2

    .section .rodata
    .p2align 3
    .globl trap_stubs_hvm, trap_stubs_pv
trap_stubs_hvm:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad hvm_trap_\v
    .endr
trap_stubs_pv:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad pv_trap_\v
    .endr
