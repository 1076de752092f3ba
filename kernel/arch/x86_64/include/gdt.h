/* GDT layout and selectors, shared by C and assembly.
 *
 * SYSRET loads fixed selectors derived from STAR[63:48] = B: SS = B + 8 and
 * CS = B + 16 (both with RPL 3). So the user data segment must sit directly
 * below the user code segment, and the slot B itself (only SYSRET to 32-bit
 * code would use it) stays a null descriptor: no 32-bit user code segment
 * exists, so user space can never enter compatibility mode. */
#pragma once

#define GDT_NULL        0
#define GDT_KERNEL_CODE 1      /* 0x08: 64-bit, DPL 0 (SYSCALL CS = STAR[47:32]) */
#define GDT_KERNEL_DATA 2      /* 0x10: DPL 0 (SYSCALL SS = STAR[47:32] + 8) */
#define GDT_SYSRET_BASE 3      /* 0x18: null, see above */
#define GDT_USER_DATA   4      /* 0x20: DPL 3 */
#define GDT_USER_CODE   5      /* 0x28: 64-bit, DPL 3 */
#define GDT_TSS         6      /* 0x30: a 64-bit TSS descriptor takes two slots */
#define GDT_ENTRIES     8

#define SEL_KERNEL_CS   (GDT_KERNEL_CODE * 8)
#define SEL_KERNEL_DS   (GDT_KERNEL_DATA * 8)
#define SEL_USER_DS     (GDT_USER_DATA * 8 + 3)     /* 0x23 */
#define SEL_USER_CS     (GDT_USER_CODE * 8 + 3)     /* 0x2b */
#define SEL_TSS         (GDT_TSS * 8)
#define SEL_SYSRET_BASE (GDT_SYSRET_BASE * 8 + 3)

/* Interrupt stack table slots (TSS.IST1..3): these exceptions may arrive
 * at any instruction, including the few where RSP is the user's. */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE_CHECK 3
#define IST_STACK_SIZE   4096

#define KERNEL_STACK_SIZE 16384

#ifndef __ASSEMBLY__
#include "types.h"
extern char kernel_stack[KERNEL_STACK_SIZE];   /* stacks.c; its top is RSP0 */
#define KERNEL_STACK_TOP ((word_t)kernel_stack + KERNEL_STACK_SIZE)
void gdt_init(void);    /* gdt.c: load the GDT and the TSS */
void idt_init(void);    /* idt.c: 256 interrupt gates */
#endif
