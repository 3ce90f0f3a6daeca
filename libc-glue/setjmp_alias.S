/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * _setjmp and _longjmp (POSIX: setjmp/longjmp without the signal mask):
 * newlib's setjmp and longjmp, there being no mask to save. A tail jump
 * keeps the caller's return address where setjmp expects it.
 */
    .text
    .globl _setjmp, _longjmp
_setjmp:
    jmp setjmp
_longjmp:
    jmp longjmp
