build-nd/obj/platform/xen/xenbus.c.o: platform/xen/xenbus.c \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/lib.h \
 platform/xen/include/rumpxen/xenbus.h platform/xen/include/rumpxen/xs.h \
 platform/xen/include/rumpxen/sched.h
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/include/rumpxen/xenbus.h:
platform/xen/include/rumpxen/xs.h:
platform/xen/include/rumpxen/sched.h:
