/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The two Xen entry points of the one rumpxen image, its ELF notes and the
 * boot stack. PVH enters in 32-bit protected mode without paging: we build
 * identity page tables for the low 4 GiB and enter long mode. PV enters in
 * long mode on Xen's page tables. Both load the %fs base with boot_tcb
 * first: C code compiled with -fsplit-stack reads its stack limit at
 * %fs:0x70 on every call (0 there: no limit), then call C (boot.c).
 */
#include <xen/elfnote.h>
#include <xen/xen.h>

#define BOOT_STACK_SIZE 16384

/* ELF note with owner "Xen", as the domain builder reads them. */
#define ELFNOTE(type, desc)                                                    \
    .pushsection .note.xen, "a", @note;                                        \
    .p2align 2;                                                                \
    .long 2f - 1f;                                                             \
    .long 4f - 3f;                                                             \
    .long type;                                                                \
1:  .asciz "Xen";                                                              \
2:  .p2align 2;                                                                \
3:  desc;                                                                      \
4:  .p2align 2;                                                                \
    .popsection

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "rumpxen")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "0.1")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad 0)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad pv_entry)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page)
ELFNOTE(XEN_ELFNOTE_FEATURES, .asciz "!writable_page_tables")
ELFNOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long pvh_entry)

/* Page-table entry bits. */
#define PTE_P   0x001
#define PTE_RW  0x002
#define PTE_PS  0x080

    .section .text.boot, "ax"

/*
 * PVH: %ebx = physical address of struct hvm_start_info; flat 32-bit
 * segments but no usable GDT; paging off; interrupts off.
 */
    .code32
    .globl pvh_entry
pvh_entry:
    cld
    movl %ebx, %esi

    /* Zero the six boot page-table pages (PML4, PDPT, 4 PDs). */
    movl $boot_pml4, %edi
    movl $(6 * 4096 / 4), %ecx
    xorl %eax, %eax
    rep stosl

    movl $boot_pdpt, %eax
    orl $(PTE_P | PTE_RW), %eax
    movl %eax, boot_pml4

    /* PDPT[0..3] -> the four page directories. */
    movl $boot_pd, %eax
    orl $(PTE_P | PTE_RW), %eax
    movl $boot_pdpt, %edi
    movl $4, %ecx
1:  movl %eax, (%edi)
    addl $4096, %eax
    addl $8, %edi
    loop 1b

    /* 2048 2 MiB pages identity-mapping 0 - 4 GiB. */
    movl $(PTE_P | PTE_RW | PTE_PS), %eax
    movl $boot_pd, %edi
    movl $2048, %ecx
1:  movl %eax, (%edi)
    addl $0x200000, %eax
    addl $8, %edi
    loop 1b

    lgdt boot_gdt_ptr

    /* CR4: PAE, OSFXSR, OSXMMEXCPT (SSE usable). */
    movl %cr4, %eax
    orl $((1 << 5) | (1 << 9) | (1 << 10)), %eax
    movl %eax, %cr4

    movl $boot_pml4, %eax
    movl %eax, %cr3

    /* EFER: LME, and NXE when CPUID 0x80000001 offers NX. */
    movl $0x80000001, %eax
    cpuid
    xorl %edi, %edi
    testl $(1 << 20), %edx
    jz 1f
    movl $(1 << 11), %edi
1:  movl $0xc0000080, %ecx
    rdmsr
    orl $(1 << 8), %eax
    orl %edi, %eax
    wrmsr

    /* CR0: PG, PE, MP; clear EM and TS so SSE and x87 work. */
    movl %cr0, %eax
    andl $~((1 << 2) | (1 << 3)), %eax
    orl $((1 << 31) | (1 << 1) | 1), %eax
    movl %eax, %cr0

    ljmp $0x08, $pvh_long

    .code64
pvh_long:
    movl $0x10, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movl $0xc0000100, %ecx          /* FS_BASE */
    movl $boot_tcb, %eax
    xorl %edx, %edx
    wrmsr
    movq $boot_stack_top, %rsp
    xorl %ebp, %ebp
    movl %esi, %edi
    call boot_pvh
    ud2

/*
 * PV: %rsi = virtual address of struct start_info; long mode on Xen's
 * page tables, which map the image and what the builder placed after it.
 */
    .globl pv_entry
pv_entry:
    cld
    movq $boot_stack_top, %rsp
    movq %rsi, %rbx
    movl $SEGBASE_FS, %edi
    movq $boot_tcb, %rsi
    call hypercall_page + __HYPERVISOR_set_segment_base * 32
    xorl %ebp, %ebp
    movq %rbx, %rdi
    call boot_pv
    ud2

    .section .rodata.boot, "a"
    .p2align 3
    .globl boot_gdt
boot_gdt:
    .quad 0
    .quad 0x00af9b000000ffff        /* 0x08: 64-bit code, DPL 0, accessed */
    .quad 0x00cf93000000ffff        /* 0x10: data, DPL 0, accessed */
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .section .bss.boot, "aw", @nobits
    .p2align 12
boot_pml4:
    .skip 4096
boot_pdpt:
    .skip 4096
    .globl boot_pd
boot_pd:
    .skip 4 * 4096
    .globl boot_stack
boot_stack:
    .skip BOOT_STACK_SIZE
    .globl boot_stack_top
boot_stack_top:
/* The thread control block until sched_init(): all zero (no stack limit). */
    .p2align 6
boot_tcb:
    .skip 128
