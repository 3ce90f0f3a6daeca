/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF TLS block layout for x86-64 (variant II): where a thread's copy of
 * the PT_TLS segment and its TCB go. Pure code, host-tested; the allocation
 * and the %fs base are sched.c's.
 */
#include <rumpxen/lib.h>

#include "tls_layout_priv.h"

#define TLS_MIN_ALIGN 16

static int
round_up(size_t n, size_t align, size_t *out)
{
    if (n > SIZE_MAX - (align - 1))
        return -1;
    *out = (n + align - 1) & ~(align - 1);
    return 0;
}

int
tls_layout(const struct tls_segment *seg, struct tls_layout *l)
{
    size_t align = seg->align ? seg->align : 1;
    size_t span;

    if ((align & (align - 1)) || seg->filesz > seg->memsz)
        return -1;
    /* The linker's offset of the segment below the thread pointer. */
    if (round_up(seg->memsz, align, &span) < 0)
        return -1;
    l->align = align > TLS_MIN_ALIGN ? align : TLS_MIN_ALIGN;
    /*
     * The block starts aligned to l->align; the thread pointer must be
     * aligned to align (and to 8 for the TCB), so pad the span up to
     * l->align and let the segment copy start after the padding.
     */
    if (round_up(span, l->align, &l->tp_offset) < 0 ||
        l->tp_offset > SIZE_MAX - TLS_TCB_SIZE)
        return -1;
    l->data_offset = l->tp_offset - span;
    l->size = l->tp_offset + TLS_TCB_SIZE;
    return 0;
}

uintptr_t
tls_init_block(const struct tls_segment *seg, const struct tls_layout *l,
               void *block)
{
    char *b = block;
    uintptr_t *tcb = (uintptr_t *)(b + l->tp_offset);

    memset(b, 0, l->data_offset);
    if (seg->filesz)
        memcpy(b + l->data_offset, seg->init, seg->filesz);
    memset(b + l->data_offset + seg->filesz, 0,
           l->tp_offset - l->data_offset - seg->filesz);
    memset(tcb, 0, TLS_TCB_SIZE);
    tcb[0] = (uintptr_t)tcb;
    return (uintptr_t)tcb;
}
