build-nd/obj/platform/xen/arch/x86_64/traps.S.o: \
 platform/xen/arch/x86_64/traps.S
