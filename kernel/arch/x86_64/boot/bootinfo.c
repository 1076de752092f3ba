/* Reading the multiboot information into boot_params: the boot module
 * (the root task), usable RAM and the kernel image's extent. Everything is
 * copied out: the multiboot structures live in RAM that boot_kernel()
 * hands out as free memory. */
#include "arch.h"
#include "boot.h"
#include "multiboot.h"
#include "printf.h"

#define LOW_MEMORY_END 0x100000ul   /* BIOS, EBDA, VGA: never RAM for us (as in seL4) */

/* Add [start, end) to bp->ram: clipped to [1 MiB, kernel window end),
 * shrunk to whole pages, kept sorted by address. */
static void add_ram(boot_params_t *bp, uint64_t start, uint64_t end)
{
    start = ROUND_UP(MAX(start, LOW_MEMORY_END), 12);
    end = ROUND_DOWN(MIN(end, KERNEL_WINDOW_SIZE), 12);
    if (start >= end)
        return;
    if (bp->num_ram == MAX_BOOT_RAM_REGIONS) {
        kprintf("Dropping physical memory region 0x%lx-0x%lx: too many regions\n", start, end);
        return;
    }
    kprintf("Adding physical memory region 0x%lx-0x%lx\n", start, end);
    int i = bp->num_ram++;
    for (; i > 0 && bp->ram[i - 1].start > start; i--)
        bp->ram[i] = bp->ram[i - 1];
    bp->ram[i] = (p_region_t){ start, end };
}

static void parse_modules(const multiboot_info_t *mbi, boot_params_t *bp)
{
    word_t n = (mbi->flags & MBI_FLAG_MODS) ? mbi->mods_count : 0;
    kprintf("Detected %lu boot module(s):\n", n);
    const multiboot_module_t *mods = ptr_from_paddr(mbi->mods_addr);
    for (word_t i = 0; i < n; i++) {
        const char *name = mods[i].string ? ptr_from_paddr(mods[i].string) : "";
        kprintf("  module #%lu: start=0x%x end=0x%x size=0x%x name='%s'\n", i,
                mods[i].start, mods[i].end, mods[i].end - mods[i].start, name);
        if (i == 0) {
            bp->module = (p_region_t){ mods[0].start, mods[0].end };
            ksnprintf(bp->module_name, sizeof(bp->module_name), "%s", name);
        }
    }
    if (n == 0) {
        kprintf("Boot failed: no boot module (give the root task with -initrd)\n");
        arch_halt_system(1);
    }
}

static void parse_memory_map(const multiboot_info_t *mbi, boot_params_t *bp)
{
    if (!(mbi->flags & MBI_FLAG_MMAP)) {
        /* No map: mem_upper KiB of RAM start at 1 MiB. */
        kprintf("Multiboot gave no memory map; using mem_upper\n");
        add_ram(bp, LOW_MEMORY_END, LOW_MEMORY_END + (uint64_t)mbi->mem_upper * 1024);
        return;
    }
    kprintf("Parsing GRUB physical memory map\n");
    paddr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;
    while (p < end) {
        const multiboot_mmap_t *e = ptr_from_paddr(p);
        kprintf("\tPhysical Memory Region from %llx size %llx type %u\n",
                (unsigned long long)e->base, (unsigned long long)e->length, e->type);
        if (e->type == MULTIBOOT_MMAP_RAM)
            add_ram(bp, e->base, e->base + e->length);
        p += e->size + sizeof(e->size);
    }
}

void bootinfo_parse(uint32_t mbi_paddr, boot_params_t *bp)
{
    const multiboot_info_t *mbi = ptr_from_paddr(mbi_paddr);
    parse_modules(mbi, bp);
    parse_memory_map(mbi, bp);
    if (!(mbi->flags & MBI_FLAG_VBE))
        kprintf("Multiboot gave us no video information\n");
    if (bp->num_ram == 0) {
        kprintf("Boot failed: no usable RAM\n");
        arch_halt_system(1);
    }
    /* Everything the kernel occupies: text, data, bss with its page tables
     * and stacks (linker.lds puts them all before _kernel_phys_end). */
    bp->kernel_image = (p_region_t){ (paddr_t)_kernel_phys_start, ROUND_UP((paddr_t)_kernel_phys_end, 12) };
}
