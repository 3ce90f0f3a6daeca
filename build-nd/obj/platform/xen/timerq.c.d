build-nd/obj/platform/xen/timerq.c.o: platform/xen/timerq.c \
 platform/xen/timerq.h
platform/xen/timerq.h:
