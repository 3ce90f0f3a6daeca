build-nd/obj/hypercall/file.c.o: hypercall/file.c \
 platform/xen/include/rumpxen/errno.h hypercall/hyp.h \
 platform/xen/include/rumpxen/time.h hypercall/rumpuser_if.h
platform/xen/include/rumpxen/errno.h:
hypercall/hyp.h:
platform/xen/include/rumpxen/time.h:
hypercall/rumpuser_if.h:
