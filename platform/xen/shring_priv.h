/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to platform/xen: the one discipline for every index of a ring
 * shared with Xen or a backend, and pure byte-ring copies (host-tested).
 * Not a ring of requests/responses (that is xen/io/ring.h's macros).
 *
 * The rules, for every frontend:
 * - The other side's index is read with shring_load() (acquire): the slots
 *   it covers are read, or reused, only after it.
 * - Our own index is kept in a private copy, never read back from the
 *   shared page (the other side could change it), and published with
 *   shring_store() (release): the slots written or read before it are done
 *   before the other side can see it move.
 * - A distance prod - cons above the ring's size is a broken peer: stop.
 * - Data is copied once out of the ring into private memory, then checked,
 *   then used.
 */
#ifndef PLATFORM_XEN_SHRING_PRIV_H
#define PLATFORM_XEN_SHRING_PRIV_H

#include <stddef.h>
#include <stdint.h>

/*
 * Reads the other side's index. ring.h: a consumer reads prod, then rmb(),
 * then the slots; a producer reads cons, then mb(), then overwrites the
 * slots it freed. Acquire gives both orders (later loads and stores stay
 * after this load).
 */
static inline uint32_t
shring_load(const volatile uint32_t *idx)
{
    return __atomic_load_n(idx, __ATOMIC_ACQUIRE);
}

/*
 * Publishes our own index. ring.h: a producer writes the slots, wmb(),
 * then prod; a consumer is done reading the slots, mb(), then writes cons.
 * Release gives both orders (earlier loads and stores complete first).
 */
static inline void
shring_store(volatile uint32_t *idx, uint32_t value)
{
    __atomic_store_n(idx, value, __ATOMIC_RELEASE);
}

/*
 * Copies up to len bytes into a byte ring of size bytes (a power of two)
 * at our private *prod, given cons as shring_load() read it. Returns the
 * bytes copied (0: full) and advances *prod, or -1 if prod - cons exceeds
 * size (the peer's index is corrupt). The caller then shring_store()s
 * *prod.
 */
static inline int
shring_put(volatile char *ring, uint32_t size, uint32_t cons, uint32_t *prod,
           const void *data, size_t len)
{
    uint32_t used = *prod - cons;
    size_t n;

    if (used > size)
        return -1;
    n = size - used;
    if (n > len)
        n = len;
    for (size_t i = 0; i < n; i++)
        ring[(*prod + (uint32_t)i) & (size - 1)] = ((const char *)data)[i];
    *prod += (uint32_t)n;
    return (int)n;
}

/*
 * Copies up to len bytes out of a byte ring of size bytes at our private
 * *cons, given prod as shring_load() read it. Returns the bytes copied
 * (0: empty) and advances *cons, or -1 if prod - cons exceeds size. The
 * caller then shring_store()s *cons.
 */
static inline int
shring_get(const volatile char *ring, uint32_t size, uint32_t *cons,
           uint32_t prod, void *data, size_t len)
{
    uint32_t avail = prod - *cons;
    size_t n;

    if (avail > size)
        return -1;
    n = avail < len ? avail : len;
    for (size_t i = 0; i < n; i++)
        ((char *)data)[i] = ring[(*cons + (uint32_t)i) & (size - 1)];
    *cons += (uint32_t)n;
    return (int)n;
}

#endif
