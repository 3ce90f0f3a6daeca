/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test: makes the rump kernel fault several calls deep. A write(2)
 * from an unmapped buffer reaches copyin() through the file system, whose
 * memcpy faults; the crash report must walk every rump kernel frame back to
 * main, symbolised (the kernel is built with frame pointers).
 */
#include <rumpxen/console.h>
#include <rumpxen/rump_host.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

int
main(void)
{
    int fd = rump_sys_open("/fault", RUMP_O_CREAT | RUMP_O_RDWR, 0644);

    if (fd < 0) {
        console_printf("rumpfault: open failed\n");
        return 1;
    }
    console_printf("rumpfault: writing from an unmapped buffer\n");
    (void)rump_sys_write(fd, (const void *)0x7fff00000000ULL, 4096);
    console_printf("rumpfault: still alive, which is wrong\n");
    return 1;
}
