/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the mapping's permissions; each mode must crash with a page
 * fault at the address it prints first ("wx: expect cr2 ..."):
 * text (write own code), rodata (write a constant), exec (run code from the
 * heap), guard (write a guard page made with mm_guard_page), grant (run
 * code from an unused entry of the grant table, mapped after boot).
 */
#include <rumpxen/console.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>

/* The image's bounds, from the linker script. */
extern char _image_start[], _end[];

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

/*
 * Finds the grant table entry of a fresh grant by its contents (v1 layout:
 * flags, domid, frame), then ends the grant so the entry is unused. Only
 * an entry that changes when the grant ends counts, so a copy of the
 * pattern in code or constants is never taken for it. NULL if not found.
 */
static uint8_t *
find_unused_grant_entry(void)
{
    const uint16_t domid = 0x1234;
    const uint32_t frame = 0x0051a7e5;
    uint8_t *found = NULL;
    grant_ref_t ref;

    if (gnttab_grant_access(domid, frame, 1, &ref) != 0)
        return NULL;
    for (uint8_t *p = (uint8_t *)launder(_image_start);
         p + 8 <= (uint8_t *)_end; p += 8) {
        volatile uint16_t *f = (volatile uint16_t *)p;
        volatile uint32_t *fr = (volatile uint32_t *)(p + 4);

        if (f[0] != 0 && f[1] == domid && *fr == frame) {
            found = p;
            break;
        }
    }
    if (gnttab_end_access(ref) != 0 || found == NULL ||
        *(volatile uint16_t *)found != 0)
        return NULL;
    return found;
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
    } else if (strcmp(mode, "grant") == 0) {
        uint8_t *e = find_unused_grant_entry();
        void (*fn)(void);

        if (e == NULL) {
            console_printf("wx: grant table entry not found\n");
            return 2;
        }
        /* Into the frame field: the flags stay 0, the entry unused. */
        e[4] = 0xc3; /* ret */
        fn = (void (*)(void))launder(e + 4);
        expect(e + 4);
        fn();
    } else {
        console_printf("wx: usage: wx text|rodata|exec|guard|grant\n");
        return 2;
    }
    console_printf("wx: still alive after the %s access, which is wrong\n",
                   mode);
    return 1;
}
