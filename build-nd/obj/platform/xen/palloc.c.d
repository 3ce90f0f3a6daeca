build-nd/obj/platform/xen/palloc.c.o: platform/xen/palloc.c \
 platform/xen/include/rumpxen/lib.h platform/xen/palloc.h
platform/xen/include/rumpxen/lib.h:
platform/xen/palloc.h:
