build-nd/obj/platform/xen/arch/x86_64/switch.S.o: \
 platform/xen/arch/x86_64/switch.S
