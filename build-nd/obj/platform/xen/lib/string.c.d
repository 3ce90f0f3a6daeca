build-nd/obj/platform/xen/lib/string.c.o: platform/xen/lib/string.c \
 platform/xen/include/rumpxen/lib.h
platform/xen/include/rumpxen/lib.h:
