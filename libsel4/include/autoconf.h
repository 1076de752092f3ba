/*
 * keel's build configuration, as seen by user code. seL4 generates this file
 * from its CMake configuration; keel has exactly one configuration: the one
 * the seL4 tutorials use on pc99 (x86_64, non-MCS, debug, printing, FS/GS
 * base through MSRs, FXSAVE, no IOMMU, no VT-x, one core, one domain).
 *
 * A CONFIG_ option that is off is left undefined, as seL4 does.
 */
#pragma once

/* Architecture and platform */
#define CONFIG_ARCH_X86 1
#define CONFIG_ARCH_X86_64 1
#define CONFIG_X86_64 1
#define CONFIG_PLAT_PC99 1
#define CONFIG_WORD_SIZE 64
#define CONFIG_SYSCALL 1                 /* syscall method: `syscall`, not sysenter */
#define CONFIG_HUGE_PAGE 1               /* 1 GiB frames (seL4_X64_HugePageObject) */
#define CONFIG_FSGSBASE_MSR 1            /* FS/GS base written by the kernel via MSRs */
#define CONFIG_SET_TLS_BASE_SELF 1       /* hence seL4_SetTLSBase exists */
#define CONFIG_HAVE_FPU 1
#define CONFIG_FXSAVE 1
#define CONFIG_XSAVE_SIZE 512
#define CONFIG_MAX_NUM_IOAPIC 1
#define CONFIG_IRQ_IOAPIC 1

/* Kernel features */
#define CONFIG_DEBUG_BUILD 1
#define CONFIG_PRINTING 1
#define CONFIG_COLOUR_PRINTING 1
#define CONFIG_USER_STACK_TRACE_LENGTH 16
#define CONFIG_MAX_NUM_NODES 1
#define CONFIG_NUM_DOMAINS 1
#define CONFIG_NUM_PRIORITIES 256
#define CONFIG_TIME_SLICE 5
#define CONFIG_TIMER_TICK_MS 2
#define CONFIG_RETYPE_FAN_OUT_LIMIT 256
#define CONFIG_ROOT_CNODE_SIZE_BITS 16
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION 100

/* Off (listed for the reader; seL4 code tests them with #ifdef):
 *   CONFIG_KERNEL_MCS, CONFIG_ENABLE_SMP_SUPPORT, CONFIG_IOMMU, CONFIG_VTX,
 *   CONFIG_X86_64_VTX_64BIT_GUESTS, CONFIG_HARDWARE_DEBUG_API,
 *   CONFIG_ENABLE_BENCHMARKS, CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC,
 *   CONFIG_FSGSBASE_INST, CONFIG_SYSENTER, CONFIG_XSAVE, CONFIG_ARCH_IA32,
 *   CONFIG_ARCH_ARM, CONFIG_ARCH_RISCV, CONFIG_HAVE_CHERI.
 */
