/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU exceptions: installs the handlers (PVH: our own GDT, TSS and IDT, with
 * a separate stack for double faults; PV: Xen's trap table) and reports a
 * fatal exception with registers and a symbolised backtrace, then crashes
 * the domain. No exception is recovered from.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>

#include "xen_hypercall_priv.h"
#include "platform_priv.h"

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

struct idt_gate {
    uint16_t off_lo;
    uint16_t sel;
    uint8_t ist;
    uint8_t type;
    uint16_t off_mid;
    uint32_t off_hi;
    uint32_t reserved;
};

extern const uint64_t trap_stubs_hvm[32], trap_stubs_pv[32];
extern int console_mirror_e9;


static struct idt_gate idt[32];
static struct tss tss;
static char df_stack[4096] __attribute__((aligned(16)));
/*
 * null, 64-bit code, data, TSS (two slots), %fs data segment. Writable:
 * ltr sets the TSS busy bit and cpu_set_fs_base rewrites the %fs slot.
 */
#define GDT_FS 0x28
static uint64_t gdt[6] = {
    0,
    0x00af9b000000ffffULL,
    0x00cf93000000ffffULL,
};

static const char *const trap_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
    "#OF overflow", "#BR bound range", "#UD invalid opcode",
    "#NM device not available", "#DF double fault", "coprocessor overrun",
    "#TS invalid TSS", "#NP segment not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved",
    "#MF x87 error", "#AC alignment check", "#MC machine check",
    "#XM SIMD error", "#VE virtualisation", "#CP control protection",
};

static void
traps_init_pvh(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uintptr_t)gdt },
      idtr = { sizeof(idt) - 1, (uintptr_t)idt };
    uint64_t t = (uintptr_t)&tss;

    tss.ist[0] = (uintptr_t)(df_stack + sizeof(df_stack));
    tss.iomap_base = sizeof(tss);
    gdt[3] = (sizeof(tss) - 1) | ((t & 0xffffff) << 16) | (0x89ULL << 40) |
             ((t >> 24 & 0xff) << 56);
    gdt[4] = t >> 32;
    for (int v = 0; v < 32; v++) {
        uint64_t a = trap_stubs_hvm[v];

        idt[v] = (struct idt_gate){
            .off_lo = (uint16_t)a,
            .sel = 0x08,
            .ist = v == 8 ? 1 : 0,
            .type = 0x8e, /* present, DPL 0, interrupt gate */
            .off_mid = (uint16_t)(a >> 16),
            .off_hi = (uint32_t)(a >> 32),
        };
    }
    __asm__ volatile("lgdt %0; lidt %1; ltr %w2"
                     :
                     : "m"(gdtr), "m"(idtr), "r"(0x18)
                     : "memory");
}

static void
traps_init_pv(void)
{
    static struct trap_info table[33];

    for (int v = 0; v < 32; v++)
        table[v] = (struct trap_info){
            .vector = (uint8_t)v,
            .flags = 0, /* DPL 0; events stay masked on entry */
            .cs = FLAT_KERNEL_CS,
            .address = trap_stubs_pv[v],
        };
    if (hypercall__set_trap_table(table) != 0)
        console_printf("rumpxen: set_trap_table failed\n");
}

/*
 * PVH: sets the %fs base (the TLS thread pointer). Writing the FS_BASE MSR
 * exits to Xen; loading %fs from a GDT descriptor whose base is the
 * (below 4 GiB) address does not, and is ~10x cheaper under emulation.
 */
void
cpu_set_fs_base(uint64_t base)
{
    if (base >> 32) {
        __asm__ volatile("wrmsr"
                         :
                         : "c"(0xc0000100), "a"((uint32_t)base),
                           "d"((uint32_t)(base >> 32)));
        return;
    }
    gdt[GDT_FS / 8] = 0x00cf93000000ffffULL | ((base & 0xffffff) << 16) |
                      ((base >> 24 & 0xff) << 56);
    __asm__ volatile("mov %0, %%fs" : : "r"(GDT_FS) : "memory");
}

void
traps_init(void)
{
    if (boot_is_pv())
        traps_init_pv();
    else
        traps_init_pvh();
}

static uint64_t
fault_address(void)
{
    uint64_t cr2;

    if (boot_is_pv())
        return boot_state.shared_info->vcpu_info[0].arch.cr2;
    __asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
    return cr2;
}

/*
 * gcc 12 sets up no frame in leaf functions even when told to, and a fault
 * may hit a prologue: then the caller's return address is on top of the
 * stack, not in the rbp chain. Returns it, or 0 when the chain is complete.
 * The frame setup (push %rbp; mov %rsp,%rbp) follows the -fsplit-stack
 * limit check, so it is looked for in the function's first bytes.
 */
static uintptr_t
frameless_return(const struct trap_frame *f)
{
    static const uint8_t prologue[4] = { 0x55, 0x48, 0x89, 0xe5 };
    const uintptr_t *sp = (const uintptr_t *)f->rsp;
    const uint8_t *fn;
    uintptr_t off, p;

    if (ksym_lookup(f->rip, &off) == NULL || (f->rsp & 7) ||
        f->rsp < 4096 || f->rsp + 16 > boot_state.mapped_top)
        return 0;
    fn = (const uint8_t *)(f->rip - off);
    for (p = 0; p < 32 && p < off; p++)
        if (memcmp(fn + p, prologue, sizeof(prologue)) == 0)
            break;
    if (p == 32 || p >= off)
        return sp[0]; /* no frame (yet) */
    return off < p + sizeof(prologue) ? sp[1] : 0;
}

/*
 * Whether the fault hit the guard page below the running thread's stack
 * (PVH: a #PF there becomes a #DF, whose cr2 still names the guard page),
 * or left %rsp in or just above it.
 */
static int
stack_overflowed(const struct trap_frame *f)
{
    const struct crash_stack *s = crash_stack_current;
    uint64_t cr2;

    if (s == NULL || s->guard == 0)
        return 0;
    if (f->vector == 14 || f->vector == 8) {
        cr2 = fault_address();
        if (cr2 >= s->guard && cr2 < s->bottom)
            return 1;
    }
    return f->rsp >= s->guard && f->rsp < s->bottom + 64;
}

/* Called by trap_common with interrupts/events off; never returns. */
void __attribute__((noreturn))
trap_handler(struct trap_frame *f)
{
    static int nested;
    uintptr_t ret;
    const char *name = f->vector < 32 && trap_names[f->vector]
                           ? trap_names[f->vector]
                           : "reserved";

    if (nested++)
        platform_crash();
    console_mirror_e9 = 1;
    console_printf("\nrumpxen: fatal exception %lu (%s), error 0x%lx, "
                   "guest %s\nrip ",
                   f->vector, name, f->error, boot_type_name());
    crash_print_symbol(f->rip);
    if (stack_overflowed(f))
        console_printf("stack overflow in thread %s: the guard page below "
                       "its stack 0x%lx-0x%lx was hit\n",
                       crash_stack_current->name,
                       (unsigned long)crash_stack_current->bottom,
                       (unsigned long)crash_stack_current->top);
    if (f->vector == 14)
        console_printf("cr2 0x%016lx (%s, %s, %s)\n", fault_address(),
                       f->error & 2 ? "write" : "read",
                       f->error & 1 ? "protection" : "not present",
                       f->error & 16 ? "instruction fetch" : "data");
    console_printf("rax %016lx rbx %016lx rcx %016lx rdx %016lx\n"
                   "rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n"
                   "r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n"
                   "r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n"
                   "rflags %016lx cs %04lx ss %04lx\n",
                   f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi, f->rbp,
                   f->rsp, f->r8, f->r9, f->r10, f->r11, f->r12, f->r13,
                   f->r14, f->r15, f->rflags, f->cs & 0xffff, f->ss & 0xffff);
    if ((ret = frameless_return(f)) != 0) {
        console_printf("called from ");
        crash_print_symbol(ret - 1);
    }
    backtrace_print(f->rbp);
    platform_crash();
}
