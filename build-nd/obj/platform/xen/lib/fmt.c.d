build-nd/obj/platform/xen/lib/fmt.c.o: platform/xen/lib/fmt.c \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/lib.h
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/lib.h:
