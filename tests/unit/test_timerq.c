/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the deadline queue: order, ties, removal from any
 * position, expiry, and a long random sequence checked against a model.
 */
#include <stdint.h>
#include <stdlib.h>

#include "timerq_priv.h"
#include "unit.h"

#define N 200

static int
sorted(const struct timerq *q, int *count)
{
    const struct timerq_node *n = timerq_first(q);
    int c = 0;

    for (; n; n = n->next, c++) {
        if (n->next && n->next->deadline < n->deadline)
            return 0;
        if (n->next && n->next->prev != n)
            return 0;
    }
    *count = c;
    return 1;
}

int
main(void)
{
    struct timerq q = { 0 };
    struct timerq_node nodes[N] = { 0 };
    int queued[N] = { 0 };
    int count, model;
    uint64_t last;

    /* Ties keep insertion order. */
    timerq_insert(&q, &nodes[0], 5);
    timerq_insert(&q, &nodes[1], 5);
    timerq_insert(&q, &nodes[2], 1);
    CHECK(timerq_first(&q) == &nodes[2]);
    CHECK(nodes[2].next == &nodes[0] && nodes[0].next == &nodes[1]);
    CHECK(timerq_pop_expired(&q, 0) == NULL);
    CHECK(timerq_pop_expired(&q, 1) == &nodes[2]);
    CHECK(timerq_pop_expired(&q, 4) == NULL);
    timerq_remove(&q, &nodes[0]);
    timerq_remove(&q, &nodes[0]); /* twice is harmless */
    CHECK(timerq_first(&q) == &nodes[1]);
    timerq_insert(&q, &nodes[1], 9); /* re-insert moves it */
    CHECK(timerq_first(&q) == &nodes[1] && nodes[1].deadline == 9);
    timerq_remove(&q, &nodes[1]);
    CHECK(timerq_first(&q) == NULL);

    /* Random operations against a model of what is queued. */
    srand(1234);
    for (int i = 0; i < 20000; i++) {
        int k = rand() % N;

        if (rand() % 3) {
            timerq_insert(&q, &nodes[k], (uint64_t)(rand() % 1000));
            queued[k] = 1;
        } else {
            timerq_remove(&q, &nodes[k]);
            queued[k] = 0;
        }
    }
    model = 0;
    for (int k = 0; k < N; k++)
        model += queued[k];
    CHECK(sorted(&q, &count));
    CHECK(count == model);

    /* Draining in time order returns every node once, in order. */
    last = 0;
    count = 0;
    for (uint64_t now = 0; now < 1000 + 7; now += 7) {
        struct timerq_node *n;

        while ((n = timerq_pop_expired(&q, now)) != NULL) {
            CHECK(n->deadline <= now && n->deadline >= last);
            last = n->deadline;
            count++;
        }
    }
    CHECK(count == model);
    CHECK(timerq_first(&q) == NULL);
    return unit_done("timerq");
}
