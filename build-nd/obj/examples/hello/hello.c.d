build-nd/obj/examples/hello/hello.c.o: examples/hello/hello.c \
 platform/xen/include/rumpxen/console.h \
 platform/xen/include/rumpxen/lib.h \
 platform/xen/include/rumpxen/platform.h
platform/xen/include/rumpxen/console.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/include/rumpxen/platform.h:
