build-nd/obj/platform/xen/gntref.c.o: platform/xen/gntref.c \
 platform/xen/include/rumpxen/errno.h platform/xen/gntref.h
platform/xen/include/rumpxen/errno.h:
platform/xen/gntref.h:
