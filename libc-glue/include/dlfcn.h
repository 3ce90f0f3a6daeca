/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Dynamic loading for newlib programs: a guest is one static image, so
 * dlopen always fails (dlerror says why). NetBSD's RTLD_* values.
 */
#ifndef LIBC_GLUE_DLFCN_H
#define LIBC_GLUE_DLFCN_H

#define RTLD_LAZY 1
#define RTLD_NOW 2
#define RTLD_GLOBAL 0x100
#define RTLD_LOCAL 0x200
#define RTLD_DEFAULT ((void *)-2)

void *dlopen(const char *path, int mode);
void *dlsym(void *handle, const char *name);
int dlclose(void *handle);
char *dlerror(void);

#endif
