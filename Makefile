# keel: top-level build.
#
#   make            kernel, user libraries, examples and tests (build/)
#   make run        build and run the IPC tutorial's solution in QEMU
#   make test       host unit tests + system tests under QEMU; ends "N passed, N failed"
#
# Layout conventions (a new file needs no Makefile change):
#   kernel/**/*.{c,S}          -> build/kernel/kernel.elf, build/images/kernel-x86_64-pc99
#   <lib>/src/**/*.{c,S}       -> build/lib/lib<name>.a for every <lib> in USER_LIBS
#   <lib>/include              -> on every user program's include path
#   examples/<name>/*.c        -> build/examples/<name>.elf (a root task)

BUILD   ?= build
# Build on every core unless told otherwise (make -j1 to serialise).
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif
CC      := gcc
AR      := ar
OBJCOPY := objcopy
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)

GCC_INC := $(shell $(CC) -print-file-name=include)
LIBGCC  := $(shell $(CC) -print-libgcc-file-name)

# ---------------------------------------------------------------- kernel
KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-pic -fno-pie \
    -mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-avx -fno-stack-protector \
    -fno-asynchronous-unwind-tables -fno-omit-frame-pointer -nostdinc -isystem $(GCC_INC) \
    -Ikernel/include -Ikernel/arch/x86_64/include $(KERNEL_EXTRA_CFLAGS)
KERNEL_SRCS := $(shell find kernel -name '*.c' -o -name '*.S' | sort)
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS))
KERNEL_LDS  := kernel/arch/x86_64/linker.lds
KERNEL_ELF  := $(BUILD)/kernel/kernel.elf
KERNEL_IMG  := $(BUILD)/images/kernel-x86_64-pc99

$(BUILD)/kernel/%.c.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/kernel/%.S.o: kernel/%.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_LDS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -nostdlib -static -no-pie -Wl,-n -Wl,--build-id=none -Wl,-T,$(KERNEL_LDS) -o $@ $(KERNEL_OBJS) $(LIBGCC)
# QEMU's multiboot loader only takes 32-bit ELF: wrap the 64-bit kernel as seL4 does.
$(KERNEL_IMG): $(KERNEL_ELF)
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) -O elf32-i386 $< $@

kernel: $(KERNEL_IMG)

# ---------------------------------------------------------------- user libraries
USER_LIBS := libsel4 libc libsel4runtime $(sort $(wildcard libs/lib*))
USER_INCLUDES := $(foreach l,$(USER_LIBS),-I$(l)/include)
USER_CFLAGS_BASE := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
    -fno-asynchronous-unwind-tables -mtls-direct-seg-refs -ftls-model=local-exec \
    -nostdinc $(USER_INCLUDES) -isystem $(GCC_INC)
USER_CFLAGS := $(USER_CFLAGS_BASE) -Wall -Wextra -Werror
APP_CFLAGS  := $(USER_CFLAGS_BASE) -Wall

libname = $(notdir $(1))
define user_lib
$(1)_SRCS := $$(shell find $(1)/src -name '*.c' -o -name '*.S' 2>/dev/null | sort)
$(1)_OBJS := $$(patsubst %,$(BUILD)/%.o,$$($(1)_SRCS))
$(BUILD)/lib/$(call libname,$(1)).a: $$($(1)_OBJS)
	@mkdir -p $$(dir $$@)
	$$(Q)rm -f $$@ && $(AR) rcs $$@ $$^
USER_ARCHIVES += $(BUILD)/lib/$(call libname,$(1)).a
endef
$(foreach l,$(USER_LIBS),$(eval $(call user_lib,$(l))))

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

libs: $(USER_ARCHIVES)

# Link a root task: $(call link_roottask,output,objects)
ROOTTASK_LDS := libsel4runtime/roottask.lds
ROOTTASK_LINK = $(CC) -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-T,$(ROOTTASK_LDS) \
    -Wl,-e,_sel4_start -Wl,-u,_sel4_start -o $(1) $(2) -Wl,--start-group $(USER_ARCHIVES) -Wl,--end-group $(LIBGCC)

# ---------------------------------------------------------------- examples
EXAMPLES := $(notdir $(wildcard examples/*))
define example
$(BUILD)/examples/$(1).elf: $$(patsubst %,$(BUILD)/%.o,$$(wildcard examples/$(1)/*.c)) $(USER_ARCHIVES) $(ROOTTASK_LDS)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(call ROOTTASK_LINK,$$@,$$(filter %.o,$$^))
EXAMPLE_ELFS += $(BUILD)/examples/$(1).elf
endef
$(foreach e,$(EXAMPLES),$(eval $(call example,$(e))))

# ---------------------------------------------------------------- system test root tasks
#   tests/system/<suite>/*.c -> build/tests/<suite>.elf
SUITES := $(notdir $(patsubst %/,%,$(dir $(wildcard tests/system/*/*.c))))
SUITES := $(sort $(SUITES))
define suite
$(BUILD)/tests/$(1).elf: $$(patsubst %,$(BUILD)/%.o,$$(wildcard tests/system/$(1)/*.c)) $(USER_ARCHIVES) $(ROOTTASK_LDS)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(call ROOTTASK_LINK,$$@,$$(filter %.o,$$^))
SUITE_ELFS += $(BUILD)/tests/$(1).elf
endef
$(foreach s,$(SUITES),$(eval $(call suite,$(s))))

# ---------------------------------------------------------------- top-level targets
all: kernel libs $(EXAMPLE_ELFS) $(SUITE_ELFS)

deps:
	$(Q)scripts/setup-deps.sh

# deps must be complete before anything is compiled, even under -j.
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tools/run-main-job.sh

test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/run-tests.sh

clean:
	rm -rf $(BUILD)

.PHONY: all kernel libs deps run test clean
.DEFAULT_GOAL := all
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- benchmarks
#   bench/<name>/*.c -> build/bench/<name>.elf (a root task)
#   make bench      build, then bench/run.sh: the IPC suite under -icount shift=0 (instruction counts)
#                   and once more without -icount (TCG wall clock, for information); docs/performance.md
#   (bench/profile/ holds a host-side QEMU plugin, built by bench/profile.sh, not a root task)
BENCHES := $(filter-out profile,$(sort $(notdir $(patsubst %/,%,$(dir $(wildcard bench/*/*.c))))))
define bench_prog
$(BUILD)/bench/$(1).elf: $$(patsubst %,$(BUILD)/%.o,$$(wildcard bench/$(1)/*.c)) $(USER_ARCHIVES) $(ROOTTASK_LDS)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(call ROOTTASK_LINK,$$@,$$(filter %.o,$$^))
BENCH_ELFS += $(BUILD)/bench/$(1).elf
endef
$(foreach b,$(BENCHES),$(eval $(call bench_prog,$(b))))
# Benchmark code must not touch the FPU behind the measurement's back.
$(BUILD)/bench/%.c.o: USER_CFLAGS += -mgeneral-regs-only

bench: kernel $(BENCH_ELFS)
	$(Q)bench/run.sh
.PHONY: bench

# ---------------------------------------------------------------- fuzzing, invariant checker (docs/hardening.md)
#   tests/fuzz/*.c -> build/fuzz/fuzz.elf, a root task (built by `make all`)
#   build/inv/: the kernel with the invariant checker (and quiet userError),
#   which `make test` boots the short fuzz with (tests/expect/fuzz.expect)
#   make fuzz SEED=s OPS=n [SEEDS=k] [EPOCH=e] [INV=0] [PERIOD=p] [TIMEOUT=t] [ICOUNT=1]
FUZZ_ELF := $(BUILD)/fuzz/fuzz.elf
$(FUZZ_ELF): $(patsubst %,$(BUILD)/%.o,$(wildcard tests/fuzz/*.c)) $(USER_ARCHIVES) $(ROOTTASK_LDS)
	@mkdir -p $(dir $@)
	$(Q)$(call ROOTTASK_LINK,$@,$(filter %.o,$^))
# worker.c runs where only its own code is mapped: no jump or lookup tables in .rodata
$(BUILD)/tests/fuzz/worker.c.o: USER_CFLAGS += -fno-jump-tables -fno-tree-switch-conversion
SEED ?= 1
OPS ?= 10000
SEEDS ?= 1
EPOCH ?= 2000
INV ?= 1
PERIOD ?= 1
TIMEOUT ?= 0
FUZZ_KBUILD = $(BUILD)/fuzzk-$(if $(filter 0,$(INV)),fast,inv$(PERIOD))
FUZZ_KFLAGS = -DCONFIG_QUIET_USER_ERRORS $(if $(filter 0,$(INV)),,-DCONFIG_INVARIANTS -DCONFIG_INVARIANTS_PERIOD=$(PERIOD))
inv-kernel:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/inv \
	    KERNEL_EXTRA_CFLAGS="-DCONFIG_INVARIANTS -DCONFIG_QUIET_USER_ERRORS" kernel
# build/nofp/: the kernel with the IPC fast paths compiled out; `make test` runs the
# system suite on it too (tests/expect/objects-nofp.expect), so both paths stay correct
nofp-kernel:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/nofp KERNEL_EXTRA_CFLAGS="-DCONFIG_NO_FASTPATH" kernel
fuzz-kernel:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_KBUILD) KERNEL_EXTRA_CFLAGS="$(FUZZ_KFLAGS)" kernel
all: $(FUZZ_ELF) inv-kernel nofp-kernel
fuzz: libs $(FUZZ_ELF) fuzz-kernel
	$(Q)tests/fuzz/run.sh --kernel $(FUZZ_KBUILD)/images/kernel-x86_64-pc99 --elf $(FUZZ_ELF) \
	    --seed $(SEED) --seeds $(SEEDS) --ops $(OPS) --epoch $(EPOCH) --timeout $(TIMEOUT) \
	    $(if $(filter 1,$(ICOUNT)),--icount)
.PHONY: fuzz fuzz-kernel inv-kernel nofp-kernel
