/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * _setjmp, _longjmp and siglongjmp (POSIX: setjmp/longjmp without, or
 * with, the signal mask):
 * newlib's setjmp and longjmp, there being no mask to save. A tail jump
 * keeps the caller's return address where setjmp expects it.
 */
    .text
    .globl _setjmp, _longjmp, siglongjmp
_setjmp:
    jmp setjmp
_longjmp:
    jmp longjmp
siglongjmp:
    jmp longjmp
