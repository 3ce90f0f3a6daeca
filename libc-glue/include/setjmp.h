/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's setjmp.h plus POSIX's _setjmp and _longjmp (libc-glue/
 * setjmp_alias.S: the same as setjmp and longjmp, no signal mask here).
 */
#ifndef LIBC_GLUE_SETJMP_H
#define LIBC_GLUE_SETJMP_H

#include_next <setjmp.h>

int _setjmp(jmp_buf env) __attribute__((returns_twice));
void _longjmp(jmp_buf env, int val) __attribute__((noreturn));

#endif
