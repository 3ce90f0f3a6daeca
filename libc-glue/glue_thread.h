/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared between libc-glue's thread files (pthread.c, pthread_sync.c),
 * not for applications: the table of synchronization objects behind
 * newlib's 32-bit pthread ids, deadlines, and binding to rump kernel lwps.
 */
#ifndef LIBC_GLUE_GLUE_THREAD_H
#define LIBC_GLUE_GLUE_THREAD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* newlib's static initializer value of every pthread object id. */
#define GLUE_STATIC_INIT 0xFFFFFFFFu

/*
 * The object behind *id, made now (size bytes, zeroed) if *id is the
 * static initializer. NULL if *id names no object or memory ran out.
 */
void *glue_object_of(uint32_t *id, size_t size);

/* The object id names, or NULL. */
void *glue_object_get(uint32_t id);

/* Frees the object id names (nothing if none). */
void glue_object_free(uint32_t id);

/* The platform deadline (time_now_ns) of a CLOCK_REALTIME abstime. */
uint64_t glue_deadline_of(const struct timespec *abstime);

/*
 * Binds the calling platform thread to a new rump kernel lwp of process
 * 1 (for its whole life). Returns 1 if bound, 0 without a rump kernel or
 * if the rump kernel refused. Call once per thread, not from handlers.
 */
int glue_lwp_bind(void);

#endif
