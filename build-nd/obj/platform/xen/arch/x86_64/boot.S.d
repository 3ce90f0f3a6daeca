build-nd/obj/platform/xen/arch/x86_64/boot.S.o: \
 platform/xen/arch/x86_64/boot.S build-nd/include/xen/elfnote.h \
 build-nd/include/xen/xen.h build-nd/include/xen/xen-compat.h \
 build-nd/include/xen/arch-x86/xen.h \
 build-nd/include/xen/arch-x86/../xen.h \
 build-nd/include/xen/arch-x86/xen-x86_64.h
build-nd/include/xen/elfnote.h:
build-nd/include/xen/xen.h:
build-nd/include/xen/xen-compat.h:
build-nd/include/xen/arch-x86/xen.h:
build-nd/include/xen/arch-x86/../xen.h:
build-nd/include/xen/arch-x86/xen-x86_64.h:
