/* Interrupt vectors and the C side of the trap entry (trap.c). */
#pragma once

#define VEC_DIVIDE        0
#define VEC_NMI           2
#define VEC_BREAKPOINT    3
#define VEC_DOUBLE_FAULT  8
#define VEC_GP            13
#define VEC_PAGE_FAULT    14
#define VEC_NM            7      /* device not available: lazy FPU switch */
#define VEC_MACHINE_CHECK 18
#define VEC_PIC_BASE      0xe0   /* the masked 8259s are parked at 0xe0..0xef */
#define VEC_SPURIOUS      0xff   /* LAPIC spurious-interrupt vector */

/* Exceptions that push an error code. */
#define VEC_HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

#ifndef __ASSEMBLY__
#include "types.h"

/* What the kernel-mode entry pushes on the stack it was running on. */
typedef struct kernel_frame {
    word_t r15, r14, r13, r12, r11, r10, r9, r8;
    word_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    word_t vector, error;
    word_t rip, cs, rflags, rsp, ss;   /* pushed by the CPU */
} kernel_frame_t;

/* traps.S */
extern const word_t trap_stubs[256];
void syscall_entry(void);
void idle_loop(void);
NORETURN void restore_sysret(void *ctx);
NORETURN void restore_iret(void *ctx);
NORETURN void idle_enter(word_t rsp, word_t rip);
extern char restore_iretq[];       /* the iretq instruction (fault fixup) */

/* trap.c: called by traps.S on the kernel stack. */
NORETURN void c_handle_trap(word_t vector, word_t error);
NORETURN void c_handle_idle_interrupt(word_t vector);
NORETURN void c_handle_kernel_trap(kernel_frame_t *f);

/* panic.c */
NORETURN void kernel_trap_panic(const kernel_frame_t *f);
#endif
