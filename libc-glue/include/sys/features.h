/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's feature macros plus what libc-glue provides on top of the
 * x86_64-elf configuration: clock_gettime/nanosleep, CLOCK_MONOTONIC and
 * the CPU-time clocks. Applications see this header before newlib's
 * (libc-glue/include comes first in their include path).
 */
#include_next <sys/features.h>

/*
 * As newlib was built (scripts/newlib.py): per-thread state through
 * __getreent() (so _REENT in any code means the calling thread's), and
 * POSIX's ssize_t read/write.
 */
#ifndef __DYNAMIC_REENT__
#define __DYNAMIC_REENT__ 1
#endif
#define _READ_WRITE_RETURN_TYPE _ssize_t

#ifndef _POSIX_TIMERS
#define _POSIX_TIMERS 1
#endif
#ifndef _POSIX_MONOTONIC_CLOCK
#define _POSIX_MONOTONIC_CLOCK 200112L
#endif
#ifndef _POSIX_CPUTIME
#define _POSIX_CPUTIME 200112L
#endif
#ifndef _POSIX_THREAD_CPUTIME
#define _POSIX_THREAD_CPUTIME 200112L
#endif
/* POSIX threads (libc-glue/pthread.c), with recursive mutexes. */
#ifndef _POSIX_THREADS
#define _POSIX_THREADS 200809L
#endif
#ifndef _UNIX98_THREAD_MUTEX_ATTRIBUTES
#define _UNIX98_THREAD_MUTEX_ATTRIBUTES 1
#endif
#ifndef _POSIX_TIMEOUTS
#define _POSIX_TIMEOUTS 200809L
#endif
/* Reader/writer locks and semaphores (libc-glue/pthread_sync.c). */
#ifndef _POSIX_READER_WRITER_LOCKS
#define _POSIX_READER_WRITER_LOCKS 200809L
#endif
#ifndef _POSIX_SEMAPHORES
#define _POSIX_SEMAPHORES 200809L
#endif
