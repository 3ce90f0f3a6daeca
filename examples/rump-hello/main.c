/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The NetBSD rump kernel inside a Xen guest: prints the kernel's identity
 * through rump system calls, mounts tmpfs (sized at half the rump kernel's
 * memory limit), writes and reads back a file, runs four threads making
 * system calls at once, and exits 0 only if all of it worked. Needs RUMP_DIR (component set "base").
 */
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/sched.h>

#ifdef RUMPXEN_HAVE_XENGUEST
#include <rumpxen/xenguest.h>
#endif

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#define CTL_KERN 1
#define KERN_OSTYPE 1
#define KERN_OSRELEASE 2
#define KERN_VERSION 4
#define CTL_HW 6
#define HW_MACHINE 1

/* NetBSD's struct tmpfs_args, version 1. */
struct tmpfs_args {
    int ta_version;
    ino_t ta_nodes_max;
    off_t ta_size_max;
    uid_t ta_root_uid;
    gid_t ta_root_gid;
    mode_t ta_root_mode;
};

#define THREADS 4
#define FILES_PER_THREAD 25

static int failures;

static void
fail(const char *what)
{
    console_printf("rump-hello: %s failed, errno %d\n", what,
                   hypercall_errno());
    failures++;
}

static void
sysctl_mib(const int *mib, unsigned int depth, const char *label)
{
    char buf[256];
    size_t len = sizeof(buf) - 1;

    if (rump_sys___sysctl(mib, depth, buf, &len, NULL, 0) != 0) {
        fail(label);
        return;
    }
    buf[len < sizeof(buf) ? len : sizeof(buf) - 1] = '\0';
    /* kern.version ends in a newline. */
    if (len > 0 && buf[strlen(buf) - 1] == '\n')
        buf[strlen(buf) - 1] = '\0';
    console_printf("%s: %s\n", label, buf);
}

static void
sysctl_string(int top, int leaf, const char *label)
{
    int mib[2] = { top, leaf };

    sysctl_mib(mib, 2, label);
}

/* Writes a file, reads it back; returns 0 if the bytes came back. */
static int
file_roundtrip(const char *path, const char *text)
{
    char buf[128];
    size_t len = strlen(text);
    int fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR | RUMP_O_TRUNC,
                           0644);

    if (fd < 0)
        return -1;
    if (rump_sys_write(fd, text, len) != (ssize_t)len ||
        rump_sys_lseek(fd, 0, 0) != 0 /* SEEK_SET */ ||
        rump_sys_read(fd, buf, sizeof(buf)) != (ssize_t)len ||
        memcmp(buf, text, len) != 0) {
        rump_sys_close(fd);
        return -1;
    }
    return rump_sys_close(fd);
}

static int thread_errors;

static void
worker(void *arg)
{
    int id = (int)(uintptr_t)arg;
    char path[32], text[64];

    for (int i = 0; i < FILES_PER_THREAD; i++) {
        fmt_snprintf(path, sizeof(path), "/tmp/t%d-%d", id, i);
        fmt_snprintf(text, sizeof(text), "thread %d file %d", id, i);
        if (file_roundtrip(path, text) != 0 || rump_sys_getpid() <= 0)
            thread_errors++;
        if (i % 5 == 0)
            sched_thread_yield();
    }
}

int
main(int argc, char **argv)
{
    struct tmpfs_args args = {
        .ta_version = 1,
        .ta_root_mode = 01777,
    };
    struct rumpkernel_mem mem;
    struct thread *t[THREADS];
    int err;

    (void)argc;
    (void)argv;
    /* Our tmpfs gets a size: half of the rump kernel's memory. */
    rumpkernel_get_mem(&mem);
    args.ta_size_max = (off_t)(mem.limit / 2);
    console_printf("rump-hello: rump_init() took %lu ms\n",
                   (unsigned long)(rumpkernel_init_ns() / 1000000));
    sysctl_string(CTL_KERN, KERN_OSTYPE, "kern.ostype");
    sysctl_string(CTL_KERN, KERN_OSRELEASE, "kern.osrelease");
    sysctl_string(CTL_KERN, KERN_VERSION, "kern.version");
    sysctl_string(CTL_HW, HW_MACHINE, "hw.machine");
#ifdef RUMPXEN_HAVE_XENGUEST
    {
        /* Our own kernel component's node (rumpkernel/xenguest/). */
        int mib[3] = { RUMPXEN_CTL_MACHDEP, RUMPXEN_CTL_MACHDEP_XEN,
                       RUMPXEN_CTL_XEN_GUEST_TYPE };

        sysctl_mib(mib, 3, "machdep.xen.guest_type");
    }
#endif

    /* rumpfs may already have /tmp (EEXIST, 17): either way, mount on it. */
    if (rump_sys_mkdir("/tmp", 0777) != 0 && hypercall_errno() != 17)
        fail("mkdir /tmp");
    if (rump_sys_mount("tmpfs", "/tmp", 0, &args, sizeof(args)) != 0)
        fail("mount tmpfs on /tmp");
    if (file_roundtrip("/tmp/hello", "Hello from a NetBSD rump kernel\n"))
        fail("file write/read on tmpfs");
    else
        console_printf("rump-hello: tmpfs file written and read back\n");

    for (int i = 0; i < THREADS; i++) {
        t[i] = sched_create("rump-worker", worker, (void *)(uintptr_t)i, 0,
                            SCHED_JOINABLE, &err);
        if (t[i] == NULL)
            fail("thread create");
    }
    for (int i = 0; i < THREADS; i++)
        if (t[i])
            (void)sched_join(t[i]);
    if (thread_errors)
        fail("system calls from four threads");
    else
        console_printf("rump-hello: %d threads made %d system calls each\n",
                       THREADS, FILES_PER_THREAD * 6);
    if (rump_sys_unmount("/tmp", 0) != 0)
        fail("unmount /tmp");
    console_printf("rump-hello: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
