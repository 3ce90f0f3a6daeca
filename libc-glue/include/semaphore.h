/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX semaphores for newlib programs (newlib has none): unnamed ones
 * (libc-glue/pthread_sync.c); sem_open fails with ENOSYS.
 */
#ifndef LIBC_GLUE_SEMAPHORE_H
#define LIBC_GLUE_SEMAPHORE_H

#include <stdint.h>
#include <time.h>

typedef struct {
    uint32_t __id; /* an object of libc-glue's table */
} sem_t;

#define SEM_FAILED ((sem_t *)0)
#define SEM_VALUE_MAX 0x7fffffffu

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

#endif
