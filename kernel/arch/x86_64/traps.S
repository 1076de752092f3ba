/* Kernel entry and exit.
 *
 * Entries: SYSCALL (syscall_entry) and the 256 IDT stubs (trap_stub_N).
 * Both save the user's registers straight into ksCurThread->ctx (offset 0
 * of the tcb, layout in context.h / context_offsets.h), then continue on
 * the top of the single kernel stack in C; C never returns here.
 *
 * Exits: restore_sysret (threads that entered with SYSCALL: fast, but
 * leaves RCX/R11 clobbered, as the ABI allows), restore_iret (everything
 * restored exactly), idle_enter (the idle thread, ring 0). restore.c
 * chooses. Interrupts stay disabled until the user's RFLAGS are loaded.
 *
 * keel runs on one CPU and keeps no per-CPU data behind GS, so there is
 * no SWAPGS: the user's GS base stays loaded while in the kernel. */
#include "context_offsets.h"
#include "gdt.h"
#include "traps.h"

    .text

/* ---------------------------------------------------------------- SYSCALL
 * CPU state: RCX = user RIP after the syscall, R11 = user RFLAGS,
 * RSP = the user's, IF/DF/TF/AC/NT cleared by SFMASK. */
    .global syscall_entry
    .align 16
syscall_entry:
    movq %rsp, syscall_user_rsp(%rip)
    movq ksCurThread(%rip), %rsp
    movq %rdi, CTX_RDI(%rsp)
    movq %rsi, CTX_RSI(%rsp)
    movq %rax, CTX_RAX(%rsp)
    movq %rbx, CTX_RBX(%rsp)
    movq %rbp, CTX_RBP(%rsp)
    movq %r12, CTX_R12(%rsp)
    movq %r13, CTX_R13(%rsp)
    movq %r14, CTX_R14(%rsp)
    movq %rdx, CTX_RDX(%rsp)
    movq %r10, CTX_R10(%rsp)
    movq %r8,  CTX_R8(%rsp)
    movq %r9,  CTX_R9(%rsp)
    movq %r15, CTX_R15(%rsp)
    movq %r11, CTX_FLAGS(%rsp)
    movq %r11, CTX_R11(%rsp)
    movq %rcx, CTX_NEXTIP(%rsp)
    movq %rcx, CTX_RCX(%rsp)
    leaq -2(%rcx), %rax                 /* the syscall instruction is 2 bytes */
    movq %rax, CTX_FAULTIP(%rsp)
    movq syscall_user_rsp(%rip), %rax
    movq %rax, CTX_RSP(%rsp)
    /* No CS/SS: they are constants (restore_iret pushes its own). No
     * ENTRY_KIND: it is ENTRY_SYSCALL whenever user code runs, since
     * restore_iret resets it when it has done the exact restore it asks. */
    leaq (kernel_stack + KERNEL_STACK_SIZE)(%rip), %rsp
    /* RDI, RSI, RDX still hold the user's cptr, msginfo and syscall number.
     * The IPC numbers (-8..-1) go straight to their handler, so the fast
     * paths pay no dispatch in C. */
    cmpq $-8, %rdx
    jb 1f
    call *(syscall_handlers + 64)(, %rdx, 8)
    ud2
1:  call c_handle_syscall
    ud2

/* ---------------------------------------------------------------- IDT stubs
 * Each pushes a zero error code if the CPU did not, then its vector:
 * the stack then holds vector, error, RIP, CS, RFLAGS, RSP, SS. */
#define F_VECTOR 0
#define F_ERROR  8
#define F_RIP    16
#define F_CS     24
#define F_RFLAGS 32
#define F_RSP    40
#define F_SS     48

    .altmacro
    .macro trap_stub n
    .align 16
trap_stub_\n:
    .if (VEC_HAS_ERROR(\n)) == 0
    pushq $0
    .endif
    pushq $\n
    jmp trap_common
    .endm

    .set vec, 0
    .rept 256
    trap_stub %vec
    .set vec, vec + 1
    .endr

    .macro trap_stub_addr n
    .quad trap_stub_\n
    .endm
    .section .rodata
    .global trap_stubs
    .align 8
trap_stubs:
    .set vec, 0
    .rept 256
    trap_stub_addr %vec
    .set vec, vec + 1
    .endr
    .text

trap_common:
    testb $3, F_CS(%rsp)
    jz trap_from_kernel

    /* From user mode: save everything into ksCurThread->ctx. */
    pushq %rax
    movq ksCurThread(%rip), %rax
    movq %rdi, CTX_RDI(%rax)
    movq %rsi, CTX_RSI(%rax)
    movq %rbx, CTX_RBX(%rax)
    movq %rbp, CTX_RBP(%rax)
    movq %r12, CTX_R12(%rax)
    movq %r13, CTX_R13(%rax)
    movq %r14, CTX_R14(%rax)
    movq %rdx, CTX_RDX(%rax)
    movq %r10, CTX_R10(%rax)
    movq %r8,  CTX_R8(%rax)
    movq %r9,  CTX_R9(%rax)
    movq %r15, CTX_R15(%rax)
    movq %r11, CTX_R11(%rax)
    movq %rcx, CTX_RCX(%rax)
    popq CTX_RAX(%rax)
    movq F_RIP(%rsp), %rcx
    movq %rcx, CTX_FAULTIP(%rax)
    movq %rcx, CTX_NEXTIP(%rax)
    movq F_ERROR(%rsp), %rcx
    movq %rcx, CTX_ERROR(%rax)
    movq F_RFLAGS(%rsp), %rcx
    movq %rcx, CTX_FLAGS(%rax)
    movq F_RSP(%rsp), %rcx
    movq %rcx, CTX_RSP(%rax)
    movq F_CS(%rsp), %rcx
    movq %rcx, CTX_CS(%rax)
    movq F_SS(%rsp), %rcx
    movq %rcx, CTX_SS(%rax)
    movq $CTX_ENTRY_TRAP, CTX_ENTRY_KIND(%rax)
    movq F_VECTOR(%rsp), %rdi
    movq F_ERROR(%rsp), %rsi
    leaq (kernel_stack + KERNEL_STACK_SIZE)(%rip), %rsp
    cld                                 /* the user may have set DF */
    call c_handle_trap
    ud2

trap_from_kernel:
    /* The kernel runs with IF clear, so an interrupt (vector >= 32) that
     * finds IF set interrupted the idle loop. Its context is not worth
     * saving: the idle thread always restarts from scratch. */
    cmpq $32, F_VECTOR(%rsp)
    jb 1f
    testl $0x200, F_RFLAGS(%rsp)
    jz 1f
    movq F_VECTOR(%rsp), %rdi
    leaq (kernel_stack + KERNEL_STACK_SIZE)(%rip), %rsp
    call c_handle_idle_interrupt
    ud2
1:  /* Anything else is a kernel bug, or a fault on iretq itself (C sorts
     * that out): record every register for the report. */
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi
    andq $-16, %rsp
    cld
    call c_handle_kernel_trap
    ud2

/* ---------------------------------------------------------------- exits */

/* The registers both exits load alike from the context in RDI (RDI
 * itself last, and RCX, R11, RSP as each exit needs). */
    .macro load_common_regs
    movq CTX_RSI(%rdi), %rsi
    movq CTX_RAX(%rdi), %rax
    movq CTX_RBX(%rdi), %rbx
    movq CTX_RBP(%rdi), %rbp
    movq CTX_R12(%rdi), %r12
    movq CTX_R13(%rdi), %r13
    movq CTX_R14(%rdi), %r14
    movq CTX_RDX(%rdi), %rdx
    movq CTX_R10(%rdi), %r10
    movq CTX_R8(%rdi),  %r8
    movq CTX_R9(%rdi),  %r9
    movq CTX_R15(%rdi), %r15
    .endm

/* restore_sysret(ctx): the thread entered with SYSCALL and resumes in the
 * user half (restore.c checked: SYSRET to a non-canonical RCX would fault
 * in ring 0 on the user's stack). */
    .global restore_sysret
restore_sysret:
    load_common_regs
    movq CTX_FLAGS(%rdi), %r11
    andq $USER_FLAGS_MASK, %r11
    orq $USER_FLAGS_SET, %r11
    movq CTX_NEXTIP(%rdi), %rcx
    /* From here RSP is the user's: only NMI/#MC (on IST stacks) can come. */
    movq CTX_RSP(%rdi), %rsp
    movq CTX_RDI(%rdi), %rdi
    sysretq

/* restore_iret(ctx): every register exactly as saved. */
    .global restore_iret, restore_iretq
restore_iret:
    leaq (kernel_stack + KERNEL_STACK_SIZE)(%rip), %rsp
    /* Every register is restored exactly here, so the next entry needs no
     * more than its own kind: a trap entry sets ENTRY_TRAP, a syscall entry
     * leaves this. (If iretq itself faults, trap.c sets ENTRY_TRAP again.) */
    movq $CTX_ENTRY_SYSCALL, CTX_ENTRY_KIND(%rdi)
    pushq $SEL_USER_DS
    pushq CTX_RSP(%rdi)
    movq CTX_FLAGS(%rdi), %rax
    andq $USER_FLAGS_MASK, %rax
    orq $USER_FLAGS_SET, %rax
    pushq %rax
    pushq $SEL_USER_CS
    pushq CTX_NEXTIP(%rdi)
    load_common_regs
    movq CTX_R11(%rdi), %r11
    movq CTX_RCX(%rdi), %rcx
    movq CTX_RDI(%rdi), %rdi
restore_iretq:
    iretq

/* idle_enter(rsp, rip): run the idle thread in ring 0. */
    .global idle_enter, idle_loop
idle_enter:
    movq %rdi, %rsp
    jmp *%rsi
idle_loop:
    sti                                 /* STI's shadow covers HLT: no lost wake-up */
    hlt
    jmp idle_loop

    .section .bss
    .align 8
syscall_user_rsp:
    .quad 0

    .section .note.GNU-stack, "", @progbits
