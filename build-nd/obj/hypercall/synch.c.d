build-nd/obj/hypercall/synch.c.o: hypercall/synch.c \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/mm.h \
 platform/xen/include/rumpxen/platform.h \
 platform/xen/include/rumpxen/sched.h platform/xen/include/rumpxen/time.h \
 hypercall/hyp.h hypercall/rumpuser_if.h
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/mm.h:
platform/xen/include/rumpxen/platform.h:
platform/xen/include/rumpxen/sched.h:
platform/xen/include/rumpxen/time.h:
hypercall/hyp.h:
hypercall/rumpuser_if.h:
