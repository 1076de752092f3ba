/* Boot-time steps of the arch layer, in the order init_arch() runs them. */
#pragma once
#include "types.h"
#include "arch.h"

/* multiboot.S hands the physical address of the multiboot info here. */
NORETURN void init_arch(uint32_t mbi_paddr);

void serial_init(void);
/* bootinfo.c: fill in RAM, kernel image and module from the multiboot info. */
void bootinfo_parse(uint32_t mbi_paddr, boot_params_t *bp);
/* kernel_window.c */
void kernel_window_uncache(paddr_t device_paddr);   /* LAPIC/IOAPIC: PCD|PWT */
void kernel_window_drop_identity(void);

/* Linker-script symbols (linker.lds). */
extern char _kernel_phys_start[], _kernel_phys_end[], _start[];
