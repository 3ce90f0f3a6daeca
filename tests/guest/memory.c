/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of mm.h: fills all memory with mixed-size mm_malloc objects
 * until NULL, checks the counters and the written patterns, frees it all,
 * checks every page came back and that the same fill succeeds again; then
 * alignment, invalid arguments, frame numbers and a guard page round trip.
 * With the argument "doublefree" it frees an object twice: that must panic.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>

struct obj {
    struct obj *next;
    uint32_t size;
    uint32_t seed;
};

static const size_t sizes[] = {16, 24, 100, 700, 2000, 5000, 40000, 300000};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static int failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            console_printf("memory: FAILED line %d: %s\n", __LINE__, #cond);   \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/*
 * Allocates with a fixed size/alignment sequence until even the smallest
 * size, unaligned, fails (the biggest size is dropped at each NULL). Writes a
 * pattern into each object. Returns the list; *count and *bytes sum it up.
 */
static struct obj *
fill(size_t *count, size_t *bytes)
{
    struct obj *head = NULL;
    size_t limit = NSIZES, k = 0;

    *count = *bytes = 0;
    for (;;) {
        size_t size = sizes[k % limit];
        size_t align = limit == 1    ? 0
                       : k % 7 == 3  ? 64
                       : k % 11 == 5 ? 4096
                                     : 0;
        struct obj *o = mm_malloc(size, align);

        if (o == NULL) {
            if (limit == 1)
                break;
            limit--;
            continue;
        }
        if (align && (uintptr_t)o % align)
            failures++;
        o->next = head;
        o->size = (uint32_t)size;
        o->seed = (uint32_t)k;
        for (size_t i = sizeof(*o); i < size; i++)
            ((uint8_t *)o)[i] = (uint8_t)(k + i);
        head = o;
        (*count)++;
        *bytes += size;
        k++;
    }
    return head;
}

/* Checks the patterns and frees the list; returns how many were wrong. */
static size_t
check_and_free(struct obj *o)
{
    size_t bad = 0;

    while (o) {
        struct obj *next = o->next;

        for (size_t i = sizeof(*o); i < o->size; i++)
            if (((uint8_t *)o)[i] != (uint8_t)(o->seed + i)) {
                bad++;
                break;
            }
        mm_free(o);
        o = next;
    }
    return bad;
}

static void
test_misc(void)
{
    uint8_t *p = mm_alloc_pages(1, 512), *q;

    EXPECT(p != NULL && (uintptr_t)p % (512 * PAGE_SIZE) == 0);
    q = mm_alloc_pages(3, 0);
    EXPECT(q != NULL);
    EXPECT(mm_alloc_pages(0, 0) == NULL);
    EXPECT(mm_alloc_pages(1, 3) == NULL);
    EXPECT(mm_malloc(10, 3) == NULL);
    EXPECT(mm_malloc((size_t)-1, 0) == NULL);
    EXPECT(mm_virt_to_frame(p) != mm_virt_to_frame(q));
    if (boot_info->type == BOOT_PVH)
        EXPECT(mm_virt_to_frame(q + 5) == (uintptr_t)q >> PAGE_SHIFT);

    /* Guard pages: only allocator pages, page-aligned. */
    EXPECT(mm_guard_page(NULL, 1) == -RX_EINVAL);
    EXPECT(mm_guard_page((void *)main, 1) == -RX_EINVAL);
    EXPECT(mm_guard_page(q + 8, 1) == -RX_EINVAL);
    EXPECT(mm_guard_page(q + PAGE_SIZE, 1) == 0);
    q[0] = 1;
    q[2 * PAGE_SIZE] = 3;
    EXPECT(mm_guard_page(q + PAGE_SIZE, 0) == 0);
    q[PAGE_SIZE] = 2; /* mapped back: must not fault */
    EXPECT(q[0] + q[PAGE_SIZE] + q[2 * PAGE_SIZE] == 6);
    mm_free_pages(q, 3);
    mm_free_pages(p, 1);
}

int
main(int argc, char **argv)
{
    struct mm_stats start, full, after, again;
    size_t count, bytes, count2, bytes2;
    struct obj *list;

    if (argc == 2 && strcmp(argv[1], "doublefree") == 0) {
        void *p = mm_malloc(100, 0);

        console_printf("memory: freeing %p twice\n", p);
        mm_free(p);
        mm_free(p);
        console_printf("memory: survived a double free, which is wrong\n");
        return 1;
    }
    mm_get_stats(&start);
    console_printf("memory: %zu pages managed, %zu free\n", start.total_pages,
                   start.free_pages);
    EXPECT(start.total_pages > 0 && start.free_pages <= start.total_pages);
    EXPECT(start.total_pages * PAGE_SIZE > boot_info->mem_bytes * 3 / 4);

    list = fill(&count, &bytes);
    mm_get_stats(&full);
    console_printf("memory: filled %zu objects, %zu KiB; %zu pages free\n",
                   count, bytes >> 10, full.free_pages);
    EXPECT(full.free_pages == 0);
    EXPECT(mm_malloc(16, 0) == NULL && mm_alloc_pages(1, 0) == NULL);
    EXPECT(bytes > start.free_pages * PAGE_SIZE / 2);
    EXPECT(check_and_free(list) == 0);
    mm_get_stats(&after);
    console_printf("memory: freed all; %zu pages free\n", after.free_pages);
    EXPECT(after.free_pages == start.free_pages);

    list = fill(&count2, &bytes2);
    console_printf("memory: refilled %zu objects, %zu KiB\n", count2,
                   bytes2 >> 10);
    EXPECT(count2 == count && bytes2 == bytes);
    EXPECT(check_and_free(list) == 0);
    mm_get_stats(&again);
    EXPECT(again.free_pages == start.free_pages);

    test_misc();
    if (failures) {
        console_printf("memory: %d checks failed\n", failures);
        return 1;
    }
    console_printf("memory: ok\n");
    return 0;
}
