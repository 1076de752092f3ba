/* Multiboot v1 (the protocol QEMU's -kernel loader speaks). */
#pragma once

#define MULTIBOOT_HEADER_MAGIC  0x1badb002
#define MULTIBOOT_BOOT_MAGIC    0x2badb002   /* in EAX at entry */
#define MULTIBOOT_PAGE_ALIGN    (1u << 0)    /* modules on 4 KiB boundaries */
#define MULTIBOOT_MEMORY_INFO   (1u << 1)    /* please give us a memory map */

#ifndef __ASSEMBLY__
#include "types.h"

#define MBI_FLAG_MEM     (1u << 0)
#define MBI_FLAG_MODS    (1u << 3)
#define MBI_FLAG_MMAP    (1u << 6)
#define MBI_FLAG_VBE     (1u << 11)

typedef struct PACKED multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
    uint32_t apm_table;
    uint32_t vbe_control_info, vbe_mode_info;
    uint16_t vbe_mode, vbe_interface_seg, vbe_interface_off, vbe_interface_len;
} multiboot_info_t;

typedef struct PACKED multiboot_module {
    uint32_t start, end;     /* [start, end) */
    uint32_t string;         /* command line: QEMU passes the -initrd argument */
    uint32_t reserved;
} multiboot_module_t;

typedef struct PACKED multiboot_mmap {
    uint32_t size;           /* of the rest of this entry */
    uint64_t base, length;
    uint32_t type;           /* 1 = usable RAM */
} multiboot_mmap_t;
#define MULTIBOOT_MMAP_RAM 1
#endif
