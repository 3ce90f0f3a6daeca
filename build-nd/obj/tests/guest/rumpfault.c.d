build-nd/obj/tests/guest/rumpfault.c.o: tests/guest/rumpfault.c \
 platform/xen/include/rumpxen/console.h \
 rumpkernel/include/rumpxen/rump_host.h \
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
rumpkernel/include/rumpxen/rump_host.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpdefs.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_namei.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpkern_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpvfs_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rumpnet_if_pub.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscallshotgun.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls.h:
/root/.cache/rumpxen/rump-b8b951e9-6448afde0a84/dest/include/rump/rump_syscalls_compat.h:
