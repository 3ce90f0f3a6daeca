build-nd/obj/platform/xen/xs_wire.c.o: platform/xen/xs_wire.c \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/lib.h \
 platform/xen/xs_wire.h build-nd/include/xen/io/xs_wire.h
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/xs_wire.h:
build-nd/include/xen/io/xs_wire.h:
