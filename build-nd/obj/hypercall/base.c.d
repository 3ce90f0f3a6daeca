build-nd/obj/hypercall/base.c.o: hypercall/base.c \
 platform/xen/include/rumpxen/console.h \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/lib.h \
 platform/xen/include/rumpxen/mm.h \
 platform/xen/include/rumpxen/platform.h \
 platform/xen/include/rumpxen/sched.h platform/xen/include/rumpxen/time.h \
 hypercall/include/rumpxen/hypercall.h hypercall/hyp.h \
 hypercall/rumpuser_if.h
platform/xen/include/rumpxen/console.h:
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/include/rumpxen/mm.h:
platform/xen/include/rumpxen/platform.h:
platform/xen/include/rumpxen/sched.h:
platform/xen/include/rumpxen/time.h:
hypercall/include/rumpxen/hypercall.h:
hypercall/hyp.h:
hypercall/rumpuser_if.h:
