/* The kernel's page tables, built by multiboot.S (layout described there):
 * physical [0, 4 GiB) in global 2 MiB pages at PPTR_BASE, the kernel image
 * at KERNEL_ELF_BASE, both under PML4 entry 511, which every user VSpace
 * copies (entries 256..511 of arch_kernel_pml4()). Here: making device
 * pages uncached, dropping the boot identity map, and the CR3/TLB
 * operations of arch.h. */
#include "arch.h"
#include "boot.h"
#include "cpu.h"

#define PTE_PWT  (1ul << 3)
#define PTE_PCD  (1ul << 4)
#define LARGE_PAGE_SIZE (1ul << 21)

extern uint64_t boot_pml4[512], boot_pdpt[512], boot_pd[4 * 512];   /* multiboot.S */

paddr_t x86_current_root;        /* what CR3 holds; the fast path reads it too */

/* MMIO must not be cached: make the 2 MiB window page holding `paddr`
 * uncached (the rest of that 2 MiB is device space on PCs too). */
void kernel_window_uncache(paddr_t paddr)
{
    if (paddr >= KERNEL_WINDOW_SIZE)
        return;
    boot_pd[paddr >> 21] |= PTE_PCD | PTE_PWT;
    invlpg((word_t)ptr_from_paddr(ROUND_DOWN(paddr, 21)));
}

/* User space owns the lower half. The identity entries were global, so a
 * CR3 reload would not flush them: toggle CR4.PGE to flush everything. */
void kernel_window_drop_identity(void)
{
    boot_pml4[0] = 0;
    word_t cr4 = read_cr4();
    write_cr4(cr4 & ~(word_t)CR4_PGE);
    write_cr4(cr4);
    x86_current_root = read_cr3() & ~0xffful;
}

paddr_t arch_kernel_pml4(void)
{
    return paddr_from_kimg(boot_pml4);
}

void arch_set_vspace_root(paddr_t pml4)
{
    if (pml4 != x86_current_root) {
        x86_current_root = pml4;
        write_cr3(pml4);
    }
}

void arch_invalidate_page(vptr_t vaddr)
{
    invlpg(vaddr);
}

void arch_invalidate_tlb(void)
{
    write_cr3(x86_current_root);     /* flushes all but the (global) kernel window */
}
