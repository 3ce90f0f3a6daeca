/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot, the top of the platform: the C side of both entry points (PV:
 * start_info; PVH: hvm_start_info and the hypercall MSR) filling boot_state,
 * the ordered bring-up (the only caller of every init), the guest
 * configuration (config.c), the boot stages of the layers above, main(),
 * and the normal end with an exit status or a refused configuration. Boot
 * facts and crashes are below it (bootinfo.c, crash.c).
 */
#include <stdarg.h>

#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "config_priv.h"
#include "xen_hypercall_priv.h"
#include "platform_priv.h"

static char cmdline[1024];
static char shared_info_page[4096] __attribute__((aligned(4096)));
extern int console_mirror_e9;

static void boot_common(void) __attribute__((noreturn));
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);
extern const struct boot_stage __boot_stages_start[], __boot_stages_end[];

static void
e9_puts(const char *s)
{
    while (*s)
        outb(0xe9, (uint8_t)*s++);
}

static inline void
cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid"
                     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                     : "a"(leaf), "c"(0));
}

/* Stops a guest that can not even make hypercalls; the watchdog sees it. */
static void __attribute__((noreturn))
boot_hang(const char *why)
{
    e9_puts(why);
    for (;;)
        __asm__ volatile("cli; hlt");
}

/*
 * PVH: Xen does not fill the hypercall page; we ask for it by writing its
 * physical address to the MSR that the Xen CPUID leaves (base + 2) name.
 */
static void
hypercall_page_init_msr(void)
{
    uint32_t a, b, c, d;

    for (uint32_t base = 0x40000000; base < 0x40010000; base += 0x100) {
        cpuid(base, &a, &b, &c, &d);
        if (b == XEN_CPUID_SIGNATURE_EBX && c == XEN_CPUID_SIGNATURE_ECX &&
            d == XEN_CPUID_SIGNATURE_EDX && a - base >= 2) {
            uint64_t page = (uintptr_t)hypercall_page;

            cpuid(base + 2, &a, &b, &c, &d);
            __asm__ volatile("wrmsr"
                             :
                             : "c"(b), "a"((uint32_t)page),
                               "d"((uint32_t)(page >> 32)));
            return;
        }
    }
    boot_hang("rumpxen: no Xen CPUID leaves, can not make hypercalls\n");
}

/* Whether s holds word as a whole blank-separated word. */
static int
has_word(const char *s, const char *word)
{
    size_t n = strlen(word);

    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (strncmp(s, word, n) == 0 &&
            (s[n] == '\0' || s[n] == ' ' || s[n] == '\t'))
            return 1;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    return 0;
}

static void
copy_cmdline(const char *src, size_t max)
{
    size_t n = src ? strnlen(src, max) : 0;

    if (n >= sizeof(cmdline))
        n = sizeof(cmdline) - 1;
    memcpy(cmdline, src ? src : "", n);
    cmdline[n] = '\0';
    boot_state.info.cmdline = cmdline;
    boot_state.verbose = has_word(cmdline, "RUMPXEN_VERBOSE=1");
}

void __attribute__((noreturn))
boot_pvh(uint32_t start_info_paddr)
{
    const struct hvm_start_info *si =
        (const struct hvm_start_info *)(uintptr_t)start_info_paddr;
    struct xen_add_to_physmap xatp = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_shared_info,
        .idx = 0,
        .gpfn = (uintptr_t)shared_info_page >> 12,
    };
    uint64_t v;

    boot_state.info.type = BOOT_PVH;
    boot_state.pvh_start_info = si;
    boot_state.mapped_top = 4ULL << 30; /* boot.S maps 0 - 4 GiB */
    hypercall_page_init_msr();
    if (si->magic != XEN_HVM_START_MAGIC_VALUE)
        boot_hang("rumpxen: bad hvm_start_info magic\n");
    if (hypercall__memory_op(XENMEM_add_to_physmap, &xatp) != 0)
        boot_hang("rumpxen: can not map shared_info\n");
    boot_state.shared_info = (struct shared_info *)shared_info_page;

    /* The memory map (version >= 1) may be unsorted; sum its RAM ranges. */
    if (si->version >= 1 && si->memmap_paddr != 0) {
        const struct hvm_memmap_table_entry *e =
            (const void *)(uintptr_t)si->memmap_paddr;

        for (uint32_t i = 0; i < si->memmap_entries && i < 128; i++)
            if (e[i].type == XEN_HVM_MEMMAP_TYPE_RAM)
                boot_state.info.mem_bytes += e[i].size;
    }
    copy_cmdline((const char *)(uintptr_t)si->cmdline_paddr, 1024);

    /* The console and xenstore pages sit in reserved RAM below 4 GiB. */
    if (hvm_get_param(HVM_PARAM_CONSOLE_PFN, &v) == 0)
        boot_state.console_ring = (void *)(uintptr_t)(v << 12);
    if (hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &v) == 0)
        boot_state.console_port = (evtchn_port_t)v;
    if (hvm_get_param(HVM_PARAM_STORE_PFN, &v) == 0)
        boot_state.store_ring = (void *)(uintptr_t)(v << 12);
    if (hvm_get_param(HVM_PARAM_STORE_EVTCHN, &v) == 0)
        boot_state.store_port = (evtchn_port_t)v;
    boot_common();
}

/* PV: a machine frame of ours to its pseudo-physical address (= virtual). */
static void *
pv_mfn_to_virt(xen_pfn_t mfn)
{
    const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;

    return (void *)(m2p[mfn] << 12);
}

void __attribute__((noreturn))
boot_pv(const struct start_info *si)
{
    boot_state.info.type = BOOT_PV;
    boot_state.pv_start_info = si;
    /* The builder maps the image up to its page tables and boot stack. */
    boot_state.mapped_top = si->pt_base + (si->nr_pt_frames << 12);
    if (strncmp(si->magic, "xen-3.0-x86_64", 14) != 0)
        boot_hang("rumpxen: bad start_info magic\n");
    if (hypercall__update_va_mapping((uintptr_t)shared_info_page,
                                     si->shared_info | 0x63, UVMF_INVLPG))
        boot_hang("rumpxen: can not map shared_info\n");
    boot_state.shared_info = (struct shared_info *)shared_info_page;
    /* Events are never delivered as upcalls (see evtchn.c). */
    boot_state.shared_info->vcpu_info[0].evtchn_upcall_mask = 1;

    boot_state.info.mem_bytes = (uint64_t)si->nr_pages << 12;
    copy_cmdline((const char *)si->cmd_line, sizeof(si->cmd_line));
    boot_state.console_ring = pv_mfn_to_virt(si->console.domU.mfn);
    boot_state.console_port = si->console.domU.evtchn;
    boot_state.store_ring = pv_mfn_to_virt(si->store_mfn);
    boot_state.store_port = si->store_evtchn;
    boot_common();
}

/* The layers above the platform, in the order of BOOT_STAGE_*. */
static void
run_stages(void)
{
    for (const struct boot_stage *st = __boot_stages_start;
         st < __boot_stages_end; st++) {
        uint64_t t0 = time_now_ns();
        int rc = st->fn();

        if (rc < 0)
            panic("boot: stage \"%s\" failed (%d)", st->name, rc);
        if (boot_state.verbose)
            console_printf("boot: %s up in %lu us\n", st->name,
                           (unsigned long)((time_now_ns() - t0) / 1000));
    }
}

/* The thread "main" (a guarded stack): the rest of the bring-up, main(). */
static void
boot_main(void *unused)
{
    char **argv, err[160];
    int argc, status;

    (void)unused;
    xs_init();
    gnttab_init();
    if (config_load(err, sizeof(err)) != 0)
        config_fail("%s", err);
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
        (*f)();
    run_stages();
    if (config_check_applied(err, sizeof(err)) != 0)
        config_fail("%s", err);
    argv = config_args(&argc);
    status = main(argc, argv);
    platform_exit(status);
}

static void
boot_common(void)
{
    console_init(boot_state.console_ring, boot_state.console_port);
    crash_init();
    traps_init();
    mm_init();
    sched_init();
    sched_start(boot_main, NULL);
}

void
config_fail(const char *fmt, ...)
{
    char msg[200];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    console_printf("rumpxen: config: %s\n", msg);
    platform_exit(CONFIG_EXIT_STATUS);
}

static void (*exit_hook)(int status);

void
platform_set_exit_hook(void (*hook)(int status))
{
    exit_hook = hook;
}

void
platform_exit(int status)
{
    void (*hook)(int) = exit_hook;
    char buf[16];
    int rc;

    exit_hook = NULL; /* once, also if the hook exits again */
    if (hook != NULL)
        hook(status);
    fmt_snprintf(buf, sizeof(buf), "%d", status);
    rc = xs_write(XS_TX_NONE, "data/exit-status", buf);
    if (rc < 0)
        console_printf("rumpxen: could not record exit status %d (%d)\n",
                       status, rc);
    (void)console_flush(2000);
    (void)sched_shutdown_op(SHUTDOWN_poweroff);
    platform_crash();
}
