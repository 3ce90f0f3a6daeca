/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: a deadline queue, kept sorted (earliest first) in a doubly
 * linked list of nodes embedded in their owners. Pure code, host-tested.
 * Insert is O(n) in the number of sleepers, removal and peek O(1); the
 * guest has tens of sleepers, not thousands.
 */
#ifndef PLATFORM_XEN_TIMERQ_H
#define PLATFORM_XEN_TIMERQ_H

#include <stdint.h>

struct timerq_node {
    uint64_t deadline;
    struct timerq_node *prev, *next;
    int queued;
};

struct timerq {
    struct timerq_node *head;
};

/* Queues n at deadline; equal deadlines keep insertion order. */
void timerq_insert(struct timerq *q, struct timerq_node *n, uint64_t deadline);

/* Removes n if it is queued; harmless otherwise. */
void timerq_remove(struct timerq *q, struct timerq_node *n);

/* The earliest node, or NULL. */
static inline struct timerq_node *
timerq_first(const struct timerq *q)
{
    return q->head;
}

/* Removes and returns the earliest node if its deadline <= now, or NULL. */
struct timerq_node *timerq_pop_expired(struct timerq *q, uint64_t now);

#endif
