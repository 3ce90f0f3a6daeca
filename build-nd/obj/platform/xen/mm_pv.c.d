build-nd/obj/platform/xen/mm_pv.c.o: platform/xen/mm_pv.c \
 platform/xen/include/rumpxen/errno.h platform/xen/include/rumpxen/lib.h \
 platform/xen/include/rumpxen/mm.h \
 platform/xen/include/rumpxen/platform.h platform/xen/hypercall.h \
 platform/xen/xen.h build-nd/include/xen/xen.h \
 build-nd/include/xen/xen-compat.h build-nd/include/xen/arch-x86/xen.h \
 build-nd/include/xen/arch-x86/../xen.h \
 build-nd/include/xen/arch-x86/xen-x86_64.h \
 build-nd/include/xen/event_channel.h build-nd/include/xen/xen.h \
 build-nd/include/xen/grant_table.h build-nd/include/xen/hvm/hvm_op.h \
 build-nd/include/xen/hvm/../xen.h build-nd/include/xen/hvm/../trace.h \
 build-nd/include/xen/hvm/../event_channel.h \
 build-nd/include/xen/hvm/params.h build-nd/include/xen/hvm/hvm_op.h \
 build-nd/include/xen/memory.h build-nd/include/xen/physdev.h \
 build-nd/include/xen/sched.h build-nd/include/xen/event_channel.h \
 build-nd/include/xen/vcpu.h build-nd/include/xen/arch-x86/cpuid.h \
 build-nd/include/xen/arch-x86/hvm/start_info.h \
 build-nd/include/xen/io/console.h build-nd/include/xen/io/xs_wire.h \
 platform/xen/internal.h platform/xen/mm_pt.h
platform/xen/include/rumpxen/errno.h:
platform/xen/include/rumpxen/lib.h:
platform/xen/include/rumpxen/mm.h:
platform/xen/include/rumpxen/platform.h:
platform/xen/hypercall.h:
platform/xen/xen.h:
build-nd/include/xen/xen.h:
build-nd/include/xen/xen-compat.h:
build-nd/include/xen/arch-x86/xen.h:
build-nd/include/xen/arch-x86/../xen.h:
build-nd/include/xen/arch-x86/xen-x86_64.h:
build-nd/include/xen/event_channel.h:
build-nd/include/xen/xen.h:
build-nd/include/xen/grant_table.h:
build-nd/include/xen/hvm/hvm_op.h:
build-nd/include/xen/hvm/../xen.h:
build-nd/include/xen/hvm/../trace.h:
build-nd/include/xen/hvm/../event_channel.h:
build-nd/include/xen/hvm/params.h:
build-nd/include/xen/hvm/hvm_op.h:
build-nd/include/xen/memory.h:
build-nd/include/xen/physdev.h:
build-nd/include/xen/sched.h:
build-nd/include/xen/event_channel.h:
build-nd/include/xen/vcpu.h:
build-nd/include/xen/arch-x86/cpuid.h:
build-nd/include/xen/arch-x86/hvm/start_info.h:
build-nd/include/xen/io/console.h:
build-nd/include/xen/io/xs_wire.h:
platform/xen/internal.h:
platform/xen/mm_pt.h:
