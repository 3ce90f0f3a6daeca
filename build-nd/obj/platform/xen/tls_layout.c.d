build-nd/obj/platform/xen/tls_layout.c.o: platform/xen/tls_layout.c \
 platform/xen/include/rumpxen/lib.h platform/xen/tls_layout.h
platform/xen/include/rumpxen/lib.h:
platform/xen/tls_layout.h:
