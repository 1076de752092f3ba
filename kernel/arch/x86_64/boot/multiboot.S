/* Multiboot entry: 32-bit protected mode to the 64-bit higher half.
 *
 * QEMU enters _start with paging off, EAX = multiboot magic, EBX = physical
 * address of the multiboot info. We build the boot page tables in the
 * kernel's bss (they stay the kernel's page tables), switch to long mode
 * and jump to init_arch() at its linked (higher-half) address.
 *
 * The page tables: one PML4 whose entries 0 (identity, dropped before user
 * space runs) and 511 point to one PDPT. Its entries 0..3 point to four
 * page directories of 2 MiB pages covering physical [0, 4 GiB), so that
 * the same PDPT gives the kernel window at PPTR_BASE (PML4 511, PDPT 0..3)
 * and the identity map; entry 510 points to the first PD again, mapping
 * physical [0, 1 GiB) at KERNEL_ELF_BASE where the image is linked. */
#include "multiboot.h"
#include "cpu.h"
#include "gdt.h"

#define KERNEL_OFFSET 0xffffffff80000000
#define PHYS(sym)     ((sym) - KERNEL_OFFSET)
#define PTE_P   0x1
#define PTE_RW  0x2
#define PTE_PS  0x80
#define PTE_G   0x100

    .section .multiboot, "a"
    .align 4
multiboot_header:
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO
    .long -(MULTIBOOT_HEADER_MAGIC + (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO))

    .section .bss.pagetables, "aw", @nobits
    .align 4096
    .global boot_pml4, boot_pdpt, boot_pd
boot_pml4:  .space 4096
boot_pdpt:  .space 4096
boot_pd:    .space 4 * 4096

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    cld
    movl %ebx, %esi                 /* keep the info pointer out of CPUID's way */
    cmpl $MULTIBOOT_BOOT_MAGIC, %eax
    jne 1f
    movl $0x80000000, %eax          /* long mode supported? */
    cpuid
    cmpl $0x80000001, %eax
    jb 2f
    movl $0x80000001, %eax
    cpuid
    btl $29, %edx
    jnc 2f

    /* Zero the bss (tables and stacks live there). */
    movl $PHYS(_bss_start), %edi
    movl $PHYS(_bss_end), %ecx
    subl %edi, %ecx
    shrl $2, %ecx
    xorl %eax, %eax
    rep stosl

    /* PML4[0] = PML4[511] = PDPT; PDPT[0..3] = PD 0..3; PDPT[510] = PD 0. */
    movl $(PHYS(boot_pdpt) + PTE_P + PTE_RW), %eax
    movl %eax, PHYS(boot_pml4)
    movl %eax, PHYS(boot_pml4) + 511 * 8
    movl $(PHYS(boot_pd) + PTE_P + PTE_RW), %eax
    movl %eax, PHYS(boot_pdpt) + 510 * 8
    movl $PHYS(boot_pdpt), %edi
    movl $4, %ecx
3:  movl %eax, (%edi)
    addl $4096, %eax
    addl $8, %edi
    loop 3b
    /* 2048 global 2 MiB pages: physical [0, 4 GiB). */
    movl $PHYS(boot_pd), %edi
    movl $(PTE_P + PTE_RW + PTE_PS + PTE_G), %eax
    movl $2048, %ecx
4:  movl %eax, (%edi)
    addl $0x200000, %eax
    addl $8, %edi
    loop 4b

    /* PAE + global pages, EFER.LME (long mode) and .SCE (SYSCALL); no NXE. */
    movl %cr4, %eax
    orl $(CR4_PAE | CR4_PGE), %eax
    movl %eax, %cr4
    movl $PHYS(boot_pml4), %eax
    movl %eax, %cr3
    movl $MSR_EFER, %ecx
    rdmsr
    orl $(EFER_LME | EFER_SCE), %eax
    wrmsr
    movl %cr0, %eax
    orl $(CR0_PG | CR0_PE | CR0_WP), %eax
    movl %eax, %cr0

    lgdt boot_gdt_desc
    ljmp $SEL_KERNEL_CS, $long_mode_entry

1:  movl $no_multiboot_msg, %ebx
    jmp early_fail
2:  movl $no_long_mode_msg, %ebx
early_fail:                          /* EBX = message; write it to COM1 and stop */
    movw $0x3f8, %dx
5:  movb (%ebx), %al
    testb %al, %al
    jz 6f
    outb %al, %dx
    incl %ebx
    jmp 5b
6:  cli
    hlt
    jmp 6b

    .code64
long_mode_entry:
    movl $SEL_KERNEL_DS, %eax
    movl %eax, %ss
    xorl %eax, %eax                  /* null data segments: 64-bit mode ignores them */
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %fs
    movl %eax, %gs
    movabsq $(kernel_stack + KERNEL_STACK_SIZE), %rsp
    movl %esi, %edi                  /* init_arch(mbi_paddr) */
    movabsq $init_arch, %rax
    call *%rax
7:  hlt
    jmp 7b

    .section .boot.data, "a"
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff         /* 0x08: 64-bit code, DPL 0 */
    .quad 0x00cf92000000ffff         /* 0x10: data, DPL 0 */
boot_gdt_desc:
    .word boot_gdt_desc - boot_gdt - 1
    .long boot_gdt
no_multiboot_msg:
    .asciz "keel: not started by a multiboot loader\r\n"
no_long_mode_msg:
    .asciz "keel: this CPU has no long mode\r\n"

    .section .note.GNU-stack, "", @progbits
