build-nd/obj/examples/rump-hello/main.c.o: examples/rump-hello/main.c \
 platform/xen/include/rumpxen/console.h \
 hypercall/include/rumpxen/hypercall.h platform/xen/include/rumpxen/lib.h \
 platform/xen/include/rumpxen/platform.h \
 rumpkernel/include/rumpxen/rump_host.h \
 rumpkernel/include/rumpxen/rumpkernel.h \
 platform/xen/include/rumpxen/sched.h \
 rumpkernel/include/rumpxen/xenguest.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpdefs.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_namei.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpkern_if_pub.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpvfs_if_pub.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpnet_if_pub.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscallshotgun.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls.h \
 /root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls_compat.h
platform/xen/include/rumpxen/console.h:
hypercall/include/rumpxen/hypercall.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/include/rumpxen/platform.h:
rumpkernel/include/rumpxen/rump_host.h:
rumpkernel/include/rumpxen/rumpkernel.h:
platform/xen/include/rumpxen/sched.h:
rumpkernel/include/rumpxen/xenguest.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpdefs.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_namei.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpkern_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpvfs_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpnet_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscallshotgun.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls_compat.h:
