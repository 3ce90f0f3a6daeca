/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the TLS block layout (tls_layout.c): for odd segment
 * sizes and every alignment up to 4 KiB, each byte of the segment must be
 * where the x86-64 linker addresses it (tp - round_up(memsz, p_align) + o),
 * hold the initial image or zero, and lie inside the block (ASan checks
 * the bounds); the thread pointer is aligned and points to itself.
 * Malformed segments are refused.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls_layout_priv.h"
#include "unit.h"

static unsigned char image[8192];

/* The linker's offset of the segment below the thread pointer. */
static size_t
linker_span(size_t memsz, size_t align)
{
    if (align == 0)
        align = 1;
    return (memsz + align - 1) / align * align;
}

static void
check_one(size_t filesz, size_t memsz, size_t align)
{
    struct tls_segment seg = {image, filesz, memsz, align};
    struct tls_layout l;
    unsigned char *block, *seg_copy;
    uintptr_t tp;
    int ok = 1;

    CHECK(tls_layout(&seg, &l) == 0);
    CHECK(l.align >= 16 && (l.align & (l.align - 1)) == 0 && l.align >= align);
    block = aligned_alloc(l.align, (l.size + l.align - 1) / l.align * l.align);
    if (block == NULL)
        abort();
    /* Poison, so bytes the layout forgets are seen. */
    memset(block, 0xa5, l.size);
    tp = tls_init_block(&seg, &l, block);
    CHECK(tp == (uintptr_t)block + l.tp_offset);
    CHECK(tp % 8 == 0 && (align == 0 || tp % align == 0));
    CHECK(*(uintptr_t *)tp == tp);
    for (size_t i = 1; i < TLS_TCB_SIZE / sizeof(uintptr_t); i++)
        ok &= ((uintptr_t *)tp)[i] == 0;
    seg_copy = (unsigned char *)tp - linker_span(memsz, align);
    CHECK(seg_copy >= block);
    for (size_t o = 0; o < memsz; o++)
        ok &= seg_copy[o] == (o < filesz ? image[o] : 0);
    if (!ok)
        fprintf(stderr, "filesz %zu memsz %zu align %zu: wrong bytes\n", filesz,
                memsz, align);
    CHECK(ok);
    free(block);
}

int
main(void)
{
    static const size_t sizes[] = {0,  1,   3,   4,   7,   8,    12,  15,
                                   16, 17,  24,  28,  31,  33,   63,  64,
                                   65, 100, 127, 129, 255, 4095, 4097};
    struct tls_segment bad;
    struct tls_layout l;

    for (size_t i = 0; i < sizeof(image); i++)
        image[i] = (unsigned char)(i * 7 + 1);
    for (size_t a = 0; a <= 4096; a = a ? a * 2 : 1)
        for (size_t m = 0; m < sizeof(sizes) / sizeof(sizes[0]); m++)
            for (size_t f = 0; f <= m; f++)
                check_one(sizes[f], sizes[m], a);

    /* The images seen in practice: a lone int; curlwp alone (rumpuser). */
    check_one(4, 4, 4);
    check_one(0, 24, 8);
    check_one(12, 24, 64);

    bad = (struct tls_segment){image, 8, 4, 4};
    CHECK(tls_layout(&bad, &l) < 0); /* filesz > memsz */
    bad = (struct tls_segment){image, 0, 4, 12};
    CHECK(tls_layout(&bad, &l) < 0); /* align not a power of two */
    bad = (struct tls_segment){image, 0, SIZE_MAX - 3, 8};
    CHECK(tls_layout(&bad, &l) < 0); /* overflows */
    bad = (struct tls_segment){image, 0, SIZE_MAX - 40, 16};
    CHECK(tls_layout(&bad, &l) < 0); /* the TCB overflows */
    return unit_done("tls");
}
