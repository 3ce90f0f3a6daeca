/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private: the layout of one thread's ELF TLS block on x86-64 (TLS variant
 * II) computed from the image's PT_TLS segment. Pure code, no hypercalls,
 * host-tested (tests/unit/test_tls.c); sched.c allocates and installs it.
 */
#ifndef PLATFORM_XEN_TLS_LAYOUT_H
#define PLATFORM_XEN_TLS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* The PT_TLS segment, as the linker made it (guest.lds exports it). */
struct tls_segment {
    const void *init; /* the .tdata image: filesz bytes to copy */
    size_t filesz;    /* initialised bytes; the rest up to memsz is .tbss */
    size_t memsz;
    size_t align; /* p_align: a power of two, or 0 (no TLS) */
};

/*
 * Bytes of the thread control block at the thread pointer; all zero but
 * its first word, which points to itself (%fs:0, as the ABI requires).
 * The word at TLS_TCB_STACK_LIMIT is the lowest %rsp that code compiled
 * with gcc's -fsplit-stack may use (%fs:0x70 on x86-64; 0: no limit).
 * The word at TLS_TCB_COOKIE is the thread's cookie (rumpxen/sched.h's
 * SCHED_TCB_COOKIE).
 */
#define TLS_TCB_SIZE 128
#define TLS_TCB_STACK_LIMIT 0x70
#define TLS_TCB_COOKIE 0x78

/* Where things go in a block of `size` bytes aligned to `align`. */
struct tls_layout {
    size_t size;        /* bytes to allocate */
    size_t align;       /* alignment of the allocation (>= 16) */
    size_t tp_offset;   /* the thread pointer, from the start of the block */
    size_t data_offset; /* the copy of the segment, from the block start */
};

/*
 * Computes the block layout for seg. The linker addresses a variable at
 * offset o in the segment as tp - round_up(memsz, align) + o, so the
 * segment copy starts round_up(memsz, align) below the thread pointer, and
 * the thread pointer is aligned to align. Returns 0, or -1 when seg is
 * malformed (align not a power of two, filesz > memsz, sizes overflow).
 */
int tls_layout(const struct tls_segment *seg, struct tls_layout *l);

/*
 * Fills block (l->size bytes, aligned to l->align, as tls_layout said):
 * copies the initialised part, zeroes the rest of the segment and the
 * TCB, sets the TCB's self pointer. Returns the thread pointer.
 */
uintptr_t tls_init_block(const struct tls_segment *seg,
                         const struct tls_layout *l, void *block);

#endif
