/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the mapping's permissions; each mode must crash with a page
 * fault at the address it prints first ("wx: expect cr2 ..."):
 * text (write own code), rodata (write a constant), exec (run code from the
 * heap), guard (write a guard page made with mm_guard_page).
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>

static const int constant = 42;

/* Hides a pointer's origin from the compiler, so the access is emitted. */
static void *
launder(void *p)
{
    __asm__ volatile("" : "+r"(p));
    return p;
}

static void
expect(const void *p)
{
    console_printf("wx: expect cr2 0x%016lx\n", (unsigned long)(uintptr_t)p);
}

int
main(int argc, char **argv)
{
    const char *mode = argc == 2 ? argv[1] : "";

    if (strcmp(mode, "text") == 0) {
        volatile uint8_t *t = launder((void *)main);

        expect((const void *)t);
        *t = 0xcc;
    } else if (strcmp(mode, "rodata") == 0) {
        volatile int *c = launder((void *)&constant);

        expect((const void *)c);
        *c = 7;
    } else if (strcmp(mode, "exec") == 0) {
        uint8_t *code = mm_malloc(64, 0);
        void (*fn)(void);

        if (code == NULL)
            return 2;
        code[0] = 0xc3; /* ret */
        fn = (void (*)(void))launder(code);
        expect(code);
        fn();
    } else if (strcmp(mode, "guard") == 0) {
        volatile uint8_t *p = mm_alloc_pages(2, 0);

        if (p == NULL || mm_guard_page((void *)(p + PAGE_SIZE), 1) != 0)
            return 2;
        p[0] = 1; /* the page below the guard stays mapped */
        expect((const void *)(p + PAGE_SIZE));
        p[PAGE_SIZE] = 1;
    } else {
        console_printf("wx: usage: wx text|rodata|exec|guard\n");
        return 2;
    }
    console_printf("wx: still alive after the %s access, which is wrong\n",
                   mode);
    return 1;
}
