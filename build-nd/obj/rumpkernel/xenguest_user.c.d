build-nd/obj/rumpkernel/xenguest_user.c.o: rumpkernel/xenguest_user.c \
 platform/xen/include/rumpxen/platform.h \
 rumpkernel/include/rumpxen/xenguest.h
platform/xen/include/rumpxen/platform.h:
rumpkernel/include/rumpxen/xenguest.h:
