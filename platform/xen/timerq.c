/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The deadline queue behind sleeps and timed waits (see timerq_priv.h).
 */
#include <stddef.h>

#include "timerq_priv.h"

void
timerq_insert(struct timerq *q, struct timerq_node *n, uint64_t deadline)
{
    struct timerq_node *prev = NULL, *cur;

    timerq_remove(q, n);
    cur = q->head;
    while (cur != NULL && cur->deadline <= deadline) {
        prev = cur;
        cur = cur->next;
    }
    n->deadline = deadline;
    n->prev = prev;
    n->next = cur;
    if (cur)
        cur->prev = n;
    if (prev)
        prev->next = n;
    else
        q->head = n;
    n->queued = 1;
}

void
timerq_remove(struct timerq *q, struct timerq_node *n)
{
    if (!n->queued)
        return;
    if (n->prev)
        n->prev->next = n->next;
    else
        q->head = n->next;
    if (n->next)
        n->next->prev = n->prev;
    n->prev = n->next = NULL;
    n->queued = 0;
}

struct timerq_node *
timerq_pop_expired(struct timerq *q, uint64_t now)
{
    struct timerq_node *n = q->head;

    if (n == NULL || n->deadline > now)
        return NULL;
    timerq_remove(q, n);
    return n;
}
