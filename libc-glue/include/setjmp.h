/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's setjmp.h plus POSIX's _setjmp and _longjmp, sigjmp_buf,
 * sigsetjmp and siglongjmp (libc-glue/setjmp_alias.S: the same as setjmp
 * and longjmp, there being no signal mask to save here).
 */
#ifndef LIBC_GLUE_SETJMP_H
#define LIBC_GLUE_SETJMP_H

#include_next <setjmp.h>

int _setjmp(jmp_buf env) __attribute__((returns_twice));
void _longjmp(jmp_buf env, int val) __attribute__((noreturn));

typedef jmp_buf sigjmp_buf;
/* A macro: setjmp must be called from the frame it returns to twice. */
#define sigsetjmp(env, savemask) ((void)(savemask), setjmp(env))
void siglongjmp(sigjmp_buf env, int val) __attribute__((noreturn));

#endif
