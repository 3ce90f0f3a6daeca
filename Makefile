# SPDX-License-Identifier: BSD-2-Clause
# rumpxen: builds the Xen platform, guest images, and runs tests.
# GNU make; objects under build/; `make V=1` shows the commands.

BUILD ?= build
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
say = $(if $(filter 1,$(V)),,@printf '  %-7s %s\n' $(1) $(2);)

CC ?= gcc
ifeq ($(origin CC),default)
CC := gcc
endif
LD := ld
AR := ar
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)

# Xen public headers reach guest code only through this private folder;
# so does Debian's header-only JSON tokenizer (libjsmn-dev).
XEN_INCLUDE := $(BUILD)/include
XEN_HEADERS := /usr/include/xen
JSMN_HEADER := /usr/include/jsmn.h

WARN := -Wall -Wextra -Werror
GUEST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(GCC_INCLUDE) -I$(XEN_INCLUDE) -Iplatform/xen/include \
	-fno-pie -fno-pic -fno-stack-protector -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer \
	-mno-red-zone -fno-asynchronous-unwind-tables -fcf-protection=none \
	-ffunction-sections -fdata-sections -mcmodel=small -fsplit-stack
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -I$(XEN_INCLUDE) -Iplatform/xen/include \
	-Iplatform/xen

PLATFORM_SRCS := \
	platform/xen/arch/x86_64/boot.S \
	platform/xen/arch/x86_64/traps.S \
	platform/xen/arch/x86_64/traps.c \
	platform/xen/blkfront.c \
	platform/xen/blkfront_ring.c \
	platform/xen/blkfront_xs.c \
	platform/xen/boot.c \
	platform/xen/bootinfo.c \
	platform/xen/config.c \
	platform/xen/config_json.c \
	platform/xen/config_parse.c \
	platform/xen/crash.c \
	platform/xen/arch/x86_64/morestack.S \
	platform/xen/console.c \
	platform/xen/control.c \
	platform/xen/arch/x86_64/switch.S \
	platform/xen/evtchn.c \
	platform/xen/gnttab.c \
	platform/xen/gntref.c \
	platform/xen/mm.c \
	platform/xen/mm_pt.c \
	platform/xen/mm_pv.c \
	platform/xen/mm_pvh.c \
	platform/xen/netfront.c \
	platform/xen/netfront_xs.c \
	platform/xen/palloc.c \
	platform/xen/sched.c \
	platform/xen/time.c \
	platform/xen/timerq.c \
	platform/xen/tls_layout.c \
	platform/xen/xenbus.c \
	platform/xen/xs.c \
	platform/xen/xs_wire.c
LIBC_SRCS := platform/xen/lib/string.c platform/xen/lib/fmt.c
HYPERCALL_SRCS := hypercall/base.c hypercall/synch.c hypercall/file.c hypercall/mem.c
LDSCRIPT := platform/xen/arch/x86_64/guest.lds

comma := ,
obj = $(patsubst %,$(BUILD)/obj/%.o,$(1))
PLATFORM_OBJS := $(call obj,$(PLATFORM_SRCS))
LIBC_A := $(BUILD)/lib/libxenlibc.a
HYPERCALL_A := $(BUILD)/lib/libhypercall.a

.PHONY: all examples tests deps run test test-run rumpkernel bench bench-rump bench-publish clean
all: examples tests

deps:
	$(Q)scripts/install-deps.sh

$(XEN_INCLUDE)/xen:
	$(Q)if [ ! -f $(XEN_HEADERS)/xen.h ]; then \
		echo "error: Xen headers missing in $(XEN_HEADERS); run 'make deps' (libxen-dev)" >&2; exit 1; fi
	$(Q)mkdir -p $(XEN_INCLUDE) && ln -sfn $(XEN_HEADERS) $@

$(XEN_INCLUDE)/jsmn.h:
	$(Q)if [ ! -f $(JSMN_HEADER) ]; then \
		echo "error: $(JSMN_HEADER) missing; run 'make deps' (libjsmn-dev)" >&2; exit 1; fi
	$(Q)mkdir -p $(XEN_INCLUDE) && ln -sfn $(JSMN_HEADER) $@
$(call obj,platform/xen/config_json.c): | $(XEN_INCLUDE)/jsmn.h

$(BUILD)/obj/%.c.o: %.c Makefile | $(XEN_INCLUDE)/xen
	$(call say,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/%.S.o: %.S Makefile | $(XEN_INCLUDE)/xen
	$(call say,AS,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c -o $@ $<

# Platform internals see their private headers; nothing else does.
$(PLATFORM_OBJS): GUEST_CFLAGS += -Iplatform/xen

# The string functions must not be turned back into calls to themselves.
$(call obj,$(LIBC_SRCS)): GUEST_CFLAGS += -fno-tree-loop-distribute-patterns

# hypercall/ sees its own public header folder too.
$(call obj,$(HYPERCALL_SRCS)): GUEST_CFLAGS += -Ihypercall/include

$(LIBC_A): $(call obj,$(LIBC_SRCS))
	$(call say,AR,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(HYPERCALL_A): $(call obj,$(HYPERCALL_SRCS))
	$(call say,AR,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# $(call guest,OUTPUT,SOURCES[,ARCHIVES]): a guest image of SOURCES, the
# platform and the ARCHIVES between them (e.g. $(HYPERCALL_A)).
define guest
$(1): $(call obj,$(2)) $(3) $(PLATFORM_OBJS) $(LIBC_A) $(LDSCRIPT) scripts/link-guest.sh scripts/ksyms.sh
	$$(call say,LINK,$$@)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)CC=$(CC) LD=$(LD) scripts/link-guest.sh $$@ $(LDSCRIPT) $(call obj,$(2)) $(3) $(PLATFORM_OBJS) $(LIBC_A)
endef

# --- the rump kernel ---------------------------------------------------------
# RUMP_DIR names a user's own installed kernel-only rump kernel (include/,
# lib/) and wins. Otherwise the project's own build from the pinned sources
# is used once `make rumpkernel` (scripts/rumpkernel.py) has put a complete
# one in the cache; its tools and source tree also build our own kernel
# components. Named component sets; every archive is linked whole, so its
# link sets register.
RUMP_DIR ?=
RUMP_USER_DIR := $(RUMP_DIR)
ifeq ($(RUMP_DIR),)
RUMP_CACHE := $(shell scripts/rumpkernel.py dir 2>/dev/null)
ifneq ($(RUMP_CACHE),)
RUMP_DIR := $(RUMP_CACHE)/dest
RUMP_TOOLS := $(RUMP_CACHE)/tools
RUMP_SRCTREE := $(RUMP_CACHE)/src-netbsd
endif
endif
RUMP_SET_base := rump rumpvfs rumpfs_tmpfs
RUMP_SET_net := $(RUMP_SET_base) rumpnet rumpnet_net rumpnet_netinet \
	rumpnet_netinet6 rumpnet_config rumpnet_local rumpdev rumpdev_bpf
RUMP_SET_fs := $(RUMP_SET_base) rumpdev rumpdev_disk rumpfs_ffs \
	rumpfs_ext2fs rumpfs_cd9660 rumpfs_msdos
RUMPKERNEL_SRCS := rumpkernel/bringup.c rumpkernel/memlimit.c rumpkernel/mounts.c
RUMP_CFLAGS := -Irumpkernel/include -Ihypercall/include -I$(RUMP_DIR)/include

# Kernel components of our own, built with the rump build's rumpmake against
# its source tree (only with the project's own build: an installed RUMP_DIR
# has no tools). Each is a folder rumpkernel/NAME/ with a BSD Makefile, plus
# the platform side rumpkernel/NAME_user.c; rumpmake runs on a copy under
# $(BUILD), so its objects never land in the source tree.
RUMP_OWN_COMPONENTS := $(if $(RUMP_TOOLS),xenguest memlimit)
RUMP_OWN_A := $(foreach c,$(RUMP_OWN_COMPONENTS),$(BUILD)/rumpkernel/$(c)/librumpkern_$(c).a)
RUMPKERNEL_SRCS += $(foreach c,$(RUMP_OWN_COMPONENTS),rumpkernel/$(c)_user.c)

$(BUILD)/rumpkernel/%.a:
	$(call say,RUMPMAKE,$@)
	$(Q)rm -rf $(dir $@) && mkdir -p $(dir $@)
	$(Q)cp rumpkernel/$(patsubst librumpkern_%,%,$(notdir $*))/* $(dir $@)
	$(Q)cd $(dir $@) && RUMPSRC=$(RUMP_SRCTREE) RUMPXEN_TOP=$(CURDIR) \
		$(RUMP_TOOLS)/rumpmake dependall >rumpmake.log 2>&1 || \
		{ tail -20 rumpmake.log; echo "rumpmake failed: $(dir $@)rumpmake.log" >&2; exit 1; }
$(foreach c,$(RUMP_OWN_COMPONENTS),$(eval $(BUILD)/rumpkernel/$(c)/librumpkern_$(c).a: $(wildcard rumpkernel/$(c)/*) rumpkernel/include/rumpxen/$(c).h))
# Our components that need the network stack: only in "net" set images.
RUMP_OWN_NET := $(if $(RUMP_TOOLS),xenif)
RUMP_OWN_A_net := $(foreach c,$(RUMP_OWN_NET),$(BUILD)/rumpkernel/$(c)/librumpkern_$(c).a)
RUMP_OWN_SRCS_net := $(foreach c,$(RUMP_OWN_NET),rumpkernel/$(c)_user.c)
# The guest configuration's network part (rump_pub_netconfig_*).
RUMP_OWN_SRCS_net += rumpkernel/netcfg.c
# "netfs": the network and the disk file systems in one image.
RUMP_SET_netfs := $(RUMP_SET_net) rumpdev_disk rumpfs_ffs \
	rumpfs_ext2fs rumpfs_msdos
RUMP_OWN_A_netfs = $(RUMP_OWN_A_net)
RUMP_OWN_SRCS_netfs = $(RUMP_OWN_SRCS_net)
$(foreach c,$(RUMP_OWN_NET),$(eval $(BUILD)/rumpkernel/$(c)/librumpkern_$(c).a: $(wildcard rumpkernel/$(c)/*) rumpkernel/include/rumpxen/$(c).h))
# File systems: no read-ahead (rumpkernel/readahead.c says why).
RUMP_OWN_SRCS_fs := rumpkernel/readahead.c
RUMP_LDFLAGS_fs := --wrap=rumpns_uvm_ra_request

# Sources that include the rump kernel's headers.
$(BUILD)/obj/rumpkernel/%: GUEST_CFLAGS += $(RUMP_CFLAGS)
$(BUILD)/obj/examples/rump-hello/%: GUEST_CFLAGS += $(RUMP_CFLAGS) \
	$(if $(RUMP_OWN_COMPONENTS),-DRUMPXEN_HAVE_XENGUEST)
$(BUILD)/obj/examples/rump-fs/%: GUEST_CFLAGS += $(RUMP_CFLAGS)
$(BUILD)/obj/examples/rump-ack/%: GUEST_CFLAGS += $(RUMP_CFLAGS)

# $(call rumpguest,OUTPUT,SOURCES,SET[,LDFLAGS]): an image with the rump kernel.
define rumpguest
$(1): $(call obj,$(2) $(RUMPKERNEL_SRCS) $(RUMP_OWN_SRCS_$(3))) $(foreach l,$(RUMP_SET_$(3)),$(RUMP_DIR)/lib/lib$(l).a) $(RUMP_OWN_A) $(RUMP_OWN_A_$(3)) $(PLATFORM_OBJS) $(HYPERCALL_A) $(LIBC_A) $(LDSCRIPT) scripts/link-guest.sh scripts/ksyms.sh
	$$(call say,LINK,$$@)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)CC=$(CC) LD=$(LD) scripts/link-guest.sh $$@ $(LDSCRIPT) $(4) $(RUMP_LDFLAGS_$(3)) $(call obj,$(2) $(RUMPKERNEL_SRCS) $(RUMP_OWN_SRCS_$(3))) $(PLATFORM_OBJS) \
		--whole-archive $(foreach l,$(RUMP_SET_$(3)),$(RUMP_DIR)/lib/lib$(l).a) $(RUMP_OWN_A) $(RUMP_OWN_A_$(3)) --no-whole-archive \
		$(HYPERCALL_A) $(LIBC_A)
endef

RUMP_EXAMPLES :=
ifneq ($(RUMP_DIR),)
ifeq ($(wildcard $(RUMP_DIR)/include/rump/rumpuser.h),)
$(error RUMP_DIR=$(RUMP_DIR) has no include/rump/rumpuser.h: not an installed rump kernel)
endif
RUMP_EXAMPLES += $(BUILD)/hypercall/check_rumpuser.stamp
RUMP_EXAMPLES += $(foreach s,base net fs,$(BUILD)/examples/rump-hello/rump-hello-$(s))
$(foreach s,base net fs,$(eval $(call rumpguest,$(BUILD)/examples/rump-hello/rump-hello-$(s),examples/rump-hello/main.c,$(s))))
# ext2 on a Xen virtual disk (blkfront through rumpuser_bio).
RUMP_EXAMPLES += $(BUILD)/examples/rump-fs/rump-fs
$(eval $(call rumpguest,$(BUILD)/examples/rump-fs/rump-fs,examples/rump-fs/main.c,fs))
# FFS records fsynced one by one, for the kill-mid-stream test.
RUMP_EXAMPLES += $(BUILD)/examples/rump-ack/rump-ack
$(eval $(call rumpguest,$(BUILD)/examples/rump-ack/rump-ack,examples/rump-ack/main.c,fs))
# FFS throughput for make bench.
RUMP_EXAMPLES += $(BUILD)/tests/bench/ffs
$(eval $(call rumpguest,$(BUILD)/tests/bench/ffs,tests/bench/ffs.c,fs))
$(call obj,tests/bench/ffs.c): GUEST_CFLAGS += $(RUMP_CFLAGS)
# Guest tests with the rump kernel (base set).
RUMP_GUEST_TESTS := rumpfault rumpstack
RUMP_EXAMPLES += $(foreach t,$(RUMP_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(RUMP_GUEST_TESTS),$(eval $(call rumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,base)))
$(call obj,$(foreach t,$(RUMP_GUEST_TESTS),tests/guest/$(t).c)): GUEST_CFLAGS += $(RUMP_CFLAGS)
# Guest tests with the rump kernel, set "net" (sockets).
RUMP_NET_GUEST_TESTS := rumpmem
# ... and of our network interface (xenif, one of our own components).
RUMP_NET_GUEST_TESTS += $(if $(RUMP_OWN_NET),rumpnet)
RUMP_EXAMPLES += $(foreach t,$(RUMP_NET_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(RUMP_NET_GUEST_TESTS),$(eval $(call rumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,net)))
$(call obj,$(foreach t,$(RUMP_NET_GUEST_TESTS),tests/guest/$(t).c)): GUEST_CFLAGS += $(RUMP_CFLAGS)
# Network services on our xenif, rump system calls directly (set "net");
# the guest's configuration gives them their addresses.
NET_EXAMPLES := $(if $(RUMP_OWN_NET),httpd echo)
RUMP_EXAMPLES += $(foreach e,$(NET_EXAMPLES),$(BUILD)/examples/$(e)/$(e))
$(foreach e,$(NET_EXAMPLES),$(eval $(call rumpguest,$(BUILD)/examples/$(e)/$(e),$(wildcard examples/$(e)/*.c),net)))
$(call obj,$(foreach e,$(NET_EXAMPLES),$(wildcard examples/$(e)/*.c))): GUEST_CFLAGS += $(RUMP_CFLAGS)
# The guest configuration as the application sees it (set "netfs").
RUMP_NETFS_GUEST_TESTS := $(if $(RUMP_OWN_NET),rumpcfg)
RUMP_EXAMPLES += $(foreach t,$(RUMP_NETFS_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(RUMP_NETFS_GUEST_TESTS),$(eval $(call rumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,netfs)))
$(call obj,$(foreach t,$(RUMP_NETFS_GUEST_TESTS),tests/guest/$(t).c)): GUEST_CFLAGS += $(RUMP_CFLAGS)
# The rump kernel benchmark workload as a guest (built by make bench only;
# set net for its TCP phase over lo0).
RUMPWORK_SRCS := tests/bench/rumpwork.c tests/bench/rumpwork_xen.c
$(eval $(call rumpguest,$(BUILD)/tests/bench/rumpwork,$(RUMPWORK_SRCS),net))
$(call obj,$(RUMPWORK_SRCS)): GUEST_CFLAGS += $(RUMP_CFLAGS) -DRUMPWORK_XEN
# Hypercalls and context switches per rump system call (--wrap counts them).
RUMPPROF_WRAP := curlwp curlwpop mutex_enter mutex_enter_nowrap mutex_tryenter \
	mutex_exit mutex_owner rw_enter rw_tryenter rw_exit rw_held cv_wait \
	cv_wait_nowrap cv_timedwait cv_signal cv_broadcast cv_has_waiters \
	clock_gettime malloc free seterrno
$(eval $(call rumpguest,$(BUILD)/tests/bench/rumpprof,tests/bench/rumpprof.c,base,$(foreach f,$(RUMPPROF_WRAP),--wrap=rumpuser_$(f))))
$(call obj,tests/bench/rumpprof.c): GUEST_CFLAGS += $(RUMP_CFLAGS)
endif

# Our rumpuser declaration against the installed one (compile only).
$(BUILD)/hypercall/check_rumpuser.stamp: hypercall/check_rumpuser.c hypercall/rumpuser_if.h $(RUMP_DIR)/include/rump/rumpuser.h | $(XEN_INCLUDE)/xen
	$(call say,CHECK,hypercall/rumpuser_if.h)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(GUEST_CFLAGS) -I$(RUMP_DIR)/include -fsyntax-only $<
	$(Q)touch $@

# --- newlib and libc-glue ---------------------------------------------------
# newlib from Debian's newlib-source, built once into the cache by
# `make newlib` (scripts/newlib.py); `make test` builds it when missing.
# Programs on newlib see libc-glue/include, newlib's headers, then gcc's
# (stddef.h, stdarg.h), and the platform's public API; they link the
# glue of a profile whole (so its __getreent and malloc win over newlib's),
# newlib's libc.a and libm.a, then the platform's own string functions for
# what newlib does not define. Profiles: "platform"
# (no rump kernel: console stdio, malloc, time; other calls ENOSYS).
NEWLIB_CACHE := $(shell scripts/newlib.py dir 2>/dev/null)
NEWLIB_DIR := $(if $(NEWLIB_CACHE),$(NEWLIB_CACHE)/dest/x86_64-elf)
NEWLIB_CFLAGS := $(filter-out -isystem $(GCC_INCLUDE),$(GUEST_CFLAGS)) \
	-isystem libc-glue/include -isystem $(NEWLIB_DIR)/include \
	-isystem $(GCC_INCLUDE)
LIBC_GLUE_SRCS := libc-glue/reent.c libc-glue/malloc.c libc-glue/process.c \
	libc-glue/time.c libc-glue/xlate.c libc-glue/pthread.c \
	libc-glue/pthread_sync.c
# What ordinary programs link against beyond system calls (rumpxen-cc).
LIBC_GLUE_SRCS += libc-glue/compat.c libc-glue/setjmp_alias.S libc-glue/posix_extra.c \
	libc-glue/process_posix.c libc-glue/syslog.c libc-glue/posix_ids.c
LIBC_GLUE_PLATFORM_SRCS := $(LIBC_GLUE_SRCS) libc-glue/files_console.c
LIBC_GLUE_PLATFORM_A := $(BUILD)/lib/libglue-platform.a
NEWLIB_LIBS = $(NEWLIB_DIR)/lib/libc.a $(NEWLIB_DIR)/lib/libm.a
# -MMD does not list -isystem headers: newlib's (its cache entry) and
# libc-glue/include are named here.
NEWLIB_HEADERS = $(NEWLIB_CACHE)/COMPLETE $(wildcard libc-glue/include/*.h libc-glue/include/*/*.h)

$(LIBC_GLUE_PLATFORM_A): $(call obj,$(LIBC_GLUE_PLATFORM_SRCS))
	$(call say,AR,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# $(call libcguest,OUTPUT,SOURCES,PROFILE): a newlib program's image.
define libcguest
$(call obj,$(2)): GUEST_CFLAGS = $(NEWLIB_CFLAGS)
$(call obj,$(2)): $(NEWLIB_HEADERS)
$(1): $(call obj,$(2)) $(LIBC_GLUE_$(3)_A) $(PLATFORM_OBJS) $(LIBC_A) $(LDSCRIPT) scripts/link-guest.sh scripts/ksyms.sh
	$$(call say,LINK,$$@)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)CC=$(CC) LD=$(LD) scripts/link-guest.sh $$@ $(LDSCRIPT) $(call obj,$(2)) $(PLATFORM_OBJS) \
		--whole-archive $(LIBC_GLUE_$(3)_A) --no-whole-archive \
		--start-group $(NEWLIB_LIBS) $(LIBC_A) --end-group
endef

LIBC_EXAMPLES :=
LIBC_GUEST_TESTS := libc libcenv
LIBC_TEST_IMAGES :=
ifneq ($(NEWLIB_DIR),)
$(call obj,$(LIBC_GLUE_PLATFORM_SRCS)): GUEST_CFLAGS = $(NEWLIB_CFLAGS)
$(call obj,$(LIBC_GLUE_PLATFORM_SRCS)): $(NEWLIB_HEADERS) libc-glue/glue.h libc-glue/glue_thread.h
LIBC_EXAMPLES += $(BUILD)/examples/hello-libc/hello-libc
$(eval $(call libcguest,$(BUILD)/examples/hello-libc/hello-libc,examples/hello-libc/hello.c,PLATFORM))
LIBC_TEST_IMAGES += $(foreach t,$(LIBC_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(LIBC_GUEST_TESTS),$(eval $(call libcguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,PLATFORM)))
endif

# The rump kernel profile: files and directories through rump_sys_*.
LIBC_GLUE_RUMP_SRCS := $(LIBC_GLUE_SRCS) libc-glue/files_rump.c \
	libc-glue/dir_rump.c
# ... sockets, name lookup and address text (libc-glue/include's headers).
LIBC_GLUE_RUMP_SRCS += libc-glue/sock_rump.c libc-glue/inet.c \
	libc-glue/inet_text.c libc-glue/netdb.c libc-glue/io_rump.c \
	libc-glue/mman.c libc-glue/fs_rump.c
# More file calls for ordinary programs (rumpxen-cc).
LIBC_GLUE_RUMP_SRCS += libc-glue/files_extra_rump.c
LIBC_GLUE_RUMP_A := $(BUILD)/lib/libglue-rump.a
$(LIBC_GLUE_RUMP_A): $(call obj,$(LIBC_GLUE_RUMP_SRCS))
	$(call say,AR,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# $(call libcrumpguest,OUTPUT,SOURCES,SET): a newlib program with the rump
# kernel's component SET.
define libcrumpguest
$(call obj,$(2)): GUEST_CFLAGS = $(NEWLIB_CFLAGS)
$(call obj,$(2)): $(NEWLIB_HEADERS)
$(1): $(call obj,$(2) $(RUMPKERNEL_SRCS)) $(foreach l,$(RUMP_SET_$(3)),$(RUMP_DIR)/lib/lib$(l).a) $(RUMP_OWN_A) $(LIBC_GLUE_RUMP_A) $(PLATFORM_OBJS) $(HYPERCALL_A) $(LIBC_A) $(LDSCRIPT) scripts/link-guest.sh scripts/ksyms.sh
	$$(call say,LINK,$$@)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)CC=$(CC) LD=$(LD) scripts/link-guest.sh $$@ $(LDSCRIPT) $(call obj,$(2) $(RUMPKERNEL_SRCS)) $(PLATFORM_OBJS) \
		--whole-archive $(foreach l,$(RUMP_SET_$(3)),$(RUMP_DIR)/lib/lib$(l).a) $(RUMP_OWN_A) $(LIBC_GLUE_RUMP_A) --no-whole-archive \
		--start-group $(NEWLIB_LIBS) $(HYPERCALL_A) $(LIBC_A) --end-group
endef

LIBC_RUMP_GUEST_TESTS := libc_io libc_threads libc_tmpfs
LIBC_RUMP_NET_GUEST_TESTS := libc_sock
LIBC_RUMP_FS_GUEST_TESTS := libc_files
ifneq ($(NEWLIB_DIR),)
ifneq ($(RUMP_DIR),)
$(call obj,$(LIBC_GLUE_RUMP_SRCS)): GUEST_CFLAGS = $(NEWLIB_CFLAGS) -Ihypercall/include
$(call obj,$(LIBC_GLUE_RUMP_SRCS)): $(NEWLIB_HEADERS) libc-glue/glue.h libc-glue/rump_sys.h libc-glue/glue_thread.h
LIBC_TEST_IMAGES += $(foreach t,$(LIBC_RUMP_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(LIBC_RUMP_GUEST_TESTS),$(eval $(call libcrumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,base)))
# ... with the network stack (set "net": lo0 at 127.0.0.1, AF_LOCAL).
LIBC_TEST_IMAGES += $(foreach t,$(LIBC_RUMP_NET_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(LIBC_RUMP_NET_GUEST_TESTS),$(eval $(call libcrumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,net)))
# ... with the disk file systems (set "fs": files on a blkfront FFS disk).
LIBC_TEST_IMAGES += $(foreach t,$(LIBC_RUMP_FS_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(LIBC_RUMP_FS_GUEST_TESTS),$(eval $(call libcrumpguest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,fs)))
endif
endif

# --- rumpxen-cc: what the compiler wrapper reads --------------------------
# scripts/rumpxen-cc compiles with $(BUILD)/cc/cflags and links a program
# into an image with $(BUILD)/cc/PROFILE.link (one argument a line, absolute
# paths): the same objects and archives as the images above.
CC_PROFILES := $(if $(NEWLIB_DIR),platform $(if $(RUMP_DIR),base net fs netfs))
CC_FILES := $(if $(NEWLIB_DIR),$(BUILD)/cc/cflags $(foreach p,$(CC_PROFILES),$(BUILD)/cc/$(p).link))
CC_USER_CFLAGS := $(filter-out -std=gnu11 -O2 -g $(WARN) -ffreestanding,$(NEWLIB_CFLAGS))
CC_LINK_platform := $(PLATFORM_OBJS) --whole-archive $(LIBC_GLUE_PLATFORM_A) \
	--no-whole-archive --start-group $(NEWLIB_LIBS) $(LIBC_A) --end-group
CC_LINK_rump = $(call obj,$(RUMPKERNEL_SRCS) $(RUMP_OWN_SRCS_$(1))) $(PLATFORM_OBJS) \
	--whole-archive $(foreach l,$(RUMP_SET_$(1)),$(RUMP_DIR)/lib/lib$(l).a) \
	$(RUMP_OWN_A) $(RUMP_OWN_A_$(1)) $(LIBC_GLUE_RUMP_A) --no-whole-archive \
	--start-group $(NEWLIB_LIBS) $(HYPERCALL_A) $(LIBC_A) --end-group
$(foreach p,base net fs netfs,$(eval CC_LINK_$(p) = $$(call CC_LINK_rump,$(p))))
cc_abs = $(foreach a,$(1),$(if $(filter -%,$(a)),$(a),$(abspath $(a))))

$(BUILD)/cc/cflags: Makefile $(NEWLIB_HEADERS)
	$(call say,GEN,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)printf '%s\n' $(foreach f,$(CC_USER_CFLAGS),$(if $(filter -I% -isystem,$(f)),$(f),$(if $(filter /% -%,$(f)),$(f),$(abspath $(f))))) \
		| sed 's|^-I\([^/]\)|-I$(CURDIR)/\1|' >$@
$(BUILD)/cc/%.link: Makefile
	$(call say,GEN,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)printf '%s\n' $(abspath $(LDSCRIPT)) $(call cc_abs,$(CC_LINK_$*)) >$@
$(foreach p,$(CC_PROFILES),$(eval $(BUILD)/cc/$(p).link: $(filter-out -%,$(CC_LINK_$(p)))))

.PHONY: newlib
newlib: deps
	$(Q)scripts/newlib.py build

EXAMPLES := $(BUILD)/examples/hello/hello
$(eval $(call guest,$(BUILD)/examples/hello/hello,examples/hello/hello.c))

GUEST_TESTS := exitcode fault hang stop memory wx nullderef threads timer xenstore grants xenbus console
GUEST_TESTS += panicstall tls tls_int stack evblock
GUEST_TESTS += conbytes
GUEST_TESTS += blk blkstall
GUEST_TESTS += net
GUEST_TEST_IMAGES := $(foreach t,$(GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(GUEST_TESTS),$(eval $(call guest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c)))
# conbytes prints this file, included with .incbin.
$(call obj,tests/guest/conbytes.c): tests/guest/conbytes.txt

# Guest tests of hypercall/: see its declaration of rumpuser(3), link it.
HYPERCALL_GUEST_TESTS := rumpuser
GUEST_TEST_IMAGES += $(foreach t,$(HYPERCALL_GUEST_TESTS),$(BUILD)/tests/guest/$(t))
$(foreach t,$(HYPERCALL_GUEST_TESTS),$(eval $(call guest,$(BUILD)/tests/guest/$(t),tests/guest/$(t).c,$(HYPERCALL_A))))
$(call obj,$(foreach t,$(HYPERCALL_GUEST_TESTS),tests/guest/$(t).c)): GUEST_CFLAGS += -Ihypercall

# The network test client dom0 runs (a static Linux program; xenrun
# --dom0-file ships it).
DOM0_TOOLS := $(BUILD)/tests/dom0/netclient
$(BUILD)/tests/dom0/netclient: tests/dom0/netclient.c
	$(call say,HOSTCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -O2 -g $(WARN) -static -pthread -o $@ $<

BENCH_IMAGES := $(BUILD)/tests/bench/platform
$(eval $(call guest,$(BUILD)/tests/bench/platform,tests/bench/platform.c))
BENCH_IMAGES += $(BUILD)/tests/bench/disk
$(eval $(call guest,$(BUILD)/tests/bench/disk,tests/bench/disk.c))

UNIT_TESTS := test_fmt test_xs_wire test_timerq test_gntref test_palloc test_tls
UNIT_TESTS += test_blkfront_ring test_blkfront
UNIT_TESTS += test_xlate test_inet
UNIT_TESTS += test_string
UNIT_TESTS += test_netfront
UNIT_TESTS += test_config
UNIT_BINS := $(foreach t,$(UNIT_TESTS),$(BUILD)/tests/unit/$(t))
$(BUILD)/tests/unit/test_fmt: tests/unit/test_fmt.c platform/xen/lib/fmt.c
$(BUILD)/tests/unit/test_xs_wire: tests/unit/test_xs_wire.c platform/xen/xs_wire.c platform/xen/xs_wire_priv.h platform/xen/shring_priv.h
$(BUILD)/tests/unit/test_timerq: tests/unit/test_timerq.c platform/xen/timerq.c
$(BUILD)/tests/unit/test_gntref: tests/unit/test_gntref.c platform/xen/gntref.c
$(BUILD)/tests/unit/test_palloc: tests/unit/test_palloc.c platform/xen/palloc.c platform/xen/palloc_priv.h
$(BUILD)/tests/unit/test_tls: tests/unit/test_tls.c platform/xen/tls_layout.c platform/xen/tls_layout_priv.h
$(BUILD)/tests/unit/test_string: tests/unit/test_string.c platform/xen/lib/string.c
$(BUILD)/tests/unit/test_string: UNIT_INCLUDED := platform/xen/lib/string.c
$(BUILD)/tests/unit/test_blkfront_ring: tests/unit/test_blkfront_ring.c platform/xen/blkfront_ring.c platform/xen/blkfront_ring_priv.h
# test_blkfront includes blkfront.c itself, to reach its static steps.
$(BUILD)/tests/unit/test_blkfront: tests/unit/test_blkfront.c platform/xen/blkfront_ring.c platform/xen/blkfront.c platform/xen/blkfront_priv.h
$(BUILD)/tests/unit/test_blkfront: UNIT_INCLUDED := platform/xen/blkfront.c
# libc-glue's tables; with a rump kernel, checked against its headers too.
$(BUILD)/tests/unit/test_xlate: tests/unit/test_xlate.c libc-glue/xlate.c libc-glue/xlate.h libc-glue/xlate_tables.h
$(BUILD)/tests/unit/test_xlate: HOST_CFLAGS += -Ilibc-glue $(if $(RUMP_DIR),-DRUMP_HEADERS -I$(RUMP_DIR)/include)
$(BUILD)/tests/unit/test_inet: tests/unit/test_inet.c libc-glue/inet_text.c libc-glue/inet_text.h
$(BUILD)/tests/unit/test_inet: HOST_CFLAGS += -Ilibc-glue
# test_netfront includes netfront.c itself, to reach its static steps.
$(BUILD)/tests/unit/test_netfront: tests/unit/test_netfront.c platform/xen/netfront.c platform/xen/netfront_priv.h platform/xen/shring_priv.h platform/xen/include/rumpxen/netfront.h
$(BUILD)/tests/unit/test_netfront: UNIT_INCLUDED := platform/xen/netfront.c
$(BUILD)/tests/unit/test_config: tests/unit/test_config.c platform/xen/config_parse.c platform/xen/config_json.c platform/xen/lib/fmt.c platform/xen/config_parse_priv.h platform/xen/include/rumpxen/config.h | $(XEN_INCLUDE)/jsmn.h
$(UNIT_BINS): tests/unit/unit.h | $(XEN_INCLUDE)/xen
	$(call say,HOSTCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $(filter-out $(UNIT_INCLUDED),$(filter %.c,$^))

# tests/run.sh takes the unit test list from here.
.PHONY: print-unit-tests
print-unit-tests:
	@echo $(UNIT_TESTS)

examples: $(EXAMPLES) $(RUMP_EXAMPLES) $(LIBC_EXAMPLES) $(CC_FILES)
tests: $(GUEST_TEST_IMAGES) $(UNIT_BINS) $(BENCH_IMAGES) $(LIBC_TEST_IMAGES) $(DOM0_TOOLS)

# Boots examples/httpd (hello without a rump kernel) with scripts/rumpxen
# and serves http://127.0.0.1:RUN_PORT/ until Ctrl-C or for RUN_SECONDS;
# scripts/run-example.sh says how. GNU make can only exit 0 or 2: a nonzero
# guest status makes `make run` fail and print it.
RUN_TYPE ?= pvh
RUN_MEMORY ?=
RUN_ARGS ?=
RUN_EXAMPLE ?=
RUN_PORT ?= 8080
RUN_SECONDS ?=
run: deps
	$(Q)$(MAKE) --no-print-directory examples
	$(Q)BUILD=$(BUILD) RUN_TYPE=$(RUN_TYPE) RUN_MEMORY=$(RUN_MEMORY) RUN_ARGS="$(RUN_ARGS)" \
		RUN_EXAMPLE=$(RUN_EXAMPLE) RUN_PORT=$(RUN_PORT) RUN_SECONDS=$(RUN_SECONDS) \
		RUN_RUMP=$(RUMP_DIR) scripts/run-example.sh

# The project's own rump kernel (pinned sources, cached outside the clone).
rumpkernel: deps
	$(Q)scripts/rumpkernel.py build

# The rump kernel is built first when sources are reachable (RUMP_SRC or
# git) and no RUMP_DIR is given; without either the rump tests say SKIPPED.
# The sub-makes see the cached build that this one could not.
test: deps
	$(Q)$(if $(RUMP_USER_DIR),,scripts/rumpkernel.py build --optional)
	$(Q)scripts/newlib.py build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory test-run

# Real programs from Debian's source packages built with rumpxen-cc and
# booted PV and PVH (tests/programs.sh; not part of make test).
.PHONY: test-programs
test-programs: deps
	$(Q)scripts/install-deps.sh programs
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) tests/programs.sh

test-run:
	$(Q)BUILD=$(BUILD) RUMP_DIR=$(RUMP_DIR) RUMP_OWN="$(RUMP_OWN_COMPONENTS)" tests/run.sh

# The same workload as a static Linux program on the hosted rump kernel
# (scripts/rumpkernel.py --hosted: NetBSD's librumpuser), for make bench.
RUMP_HOSTED = $(shell scripts/rumpkernel.py dir --hosted 2>/dev/null)
RUMPWORK_LINUX := $(BUILD)/tests/bench/rumpwork-linux
$(RUMPWORK_LINUX): tests/bench/rumpwork.c tests/bench/rumpwork_linux.c tests/bench/rumpwork.h rumpkernel/include/rumpxen/nb_abi.h $(RUMP_HOSTED)/dest/lib/librump.a
	$(call say,HOSTCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -g -Wall -Wextra -Werror -static -Irumpkernel/include -I$(RUMP_HOSTED)/dest/include \
		-o $@ tests/bench/rumpwork.c tests/bench/rumpwork_linux.c -Wl,--wrap=dlopen \
		-L$(RUMP_HOSTED)/dest/lib -Wl,--whole-archive \
		$(foreach l,$(RUMP_SET_net),-l$(l)) -Wl,--no-whole-archive -lrumpuser -lpthread

# The workload's images; the hosted one once its rump kernel is built.
bench-rump: $(BUILD)/tests/bench/rumpwork $(BUILD)/tests/bench/rumpprof
	$(Q)if scripts/rumpkernel.py dir --hosted >/dev/null; then \
		$(MAKE) --no-print-directory $(RUMPWORK_LINUX); fi

# Benchmarks (not tests): PV and PVH side by side in one appliance run.
bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(if $(RUMP_DIR),scripts/rumpkernel.py build --hosted --optional)
	$(Q)$(if $(RUMP_DIR),$(MAKE) --no-print-directory bench-rump)
	$(Q)BUILD=$(BUILD) RUMP_DIR=$(RUMP_DIR) scripts/bench.sh

# The last make bench's tables, histories and plots into docs/bench (which
# the README shows), to be committed.
bench-publish:
	$(Q)scripts/benchreport.py publish --keep $(BUILD)/bench --to docs/bench

# Fuzzing (host): the xenstore reply decoder under clang's libFuzzer for
# FUZZ_SECONDS; the corpus grows in $(BUILD)/fuzz/corpus across runs.
# Inputs up to 16 KiB hold several messages of the largest size.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-14
FUZZ_BIN := $(BUILD)/fuzz/fuzz_xs_wire
$(FUZZ_BIN): tests/fuzz/fuzz_xs_wire.c platform/xen/xs_wire.c platform/xen/xs_wire_priv.h | $(XEN_INCLUDE)/xen
	$(call say,FUZZCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) -std=gnu11 -O1 -g $(WARN) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -I$(XEN_INCLUDE) -Iplatform/xen/include \
		-Iplatform/xen -o $@ $(filter %.c,$^)

# The guest configuration's parsers, the same way: make fuzz-config.
FUZZ_CONFIG_BIN := $(BUILD)/fuzz/fuzz_config
$(FUZZ_CONFIG_BIN): tests/fuzz/fuzz_config.c platform/xen/config_parse.c platform/xen/config_json.c platform/xen/lib/fmt.c platform/xen/config_parse_priv.h | $(XEN_INCLUDE)/jsmn.h $(XEN_INCLUDE)/xen
	$(call say,FUZZCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) -std=gnu11 -O1 -g $(WARN) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -I$(XEN_INCLUDE) -Iplatform/xen/include \
		-Iplatform/xen -o $@ $(filter %.c,$^)

.PHONY: fuzz-config
fuzz-config:
	$(Q)scripts/install-deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory $(FUZZ_CONFIG_BIN)
	$(Q)mkdir -p $(BUILD)/fuzz/config-corpus
	$(Q)cd $(BUILD)/fuzz && ./fuzz_config -max_total_time=$(FUZZ_SECONDS) \
		-max_len=8192 -print_final_stats=1 config-corpus

.PHONY: fuzz
fuzz:
	$(Q)scripts/install-deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory $(FUZZ_BIN)
	$(Q)mkdir -p $(BUILD)/fuzz/corpus
	$(Q)cd $(BUILD)/fuzz && ./fuzz_xs_wire -max_total_time=$(FUZZ_SECONDS) \
		-max_len=16384 -print_final_stats=1 corpus

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
