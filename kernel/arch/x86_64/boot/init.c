/* The 64-bit side of booting: multiboot.S calls init_arch() on the kernel
 * stack, in the higher half, with interrupts off. It prepares the CPU and
 * the interrupt controllers, collects boot_params, lets the generic kernel
 * build the root task, and enters user space. */
#include "arch.h"
#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "fpu.h"
#include "gdt.h"
#include "printf.h"

#define DEFAULT_LAPIC_PADDR 0xfee00000u

static boot_params_t boot_params;
static acpi_info_t acpi;

void init_arch(uint32_t mbi_paddr)
{
    serial_init();
    kprintf("Boot config: debug_port = 0x3f8\n");
    cpu_init();
    gdt_init();
    idt_init();
    fpu_init();

    bootinfo_parse(mbi_paddr, &boot_params);
    acpi_init(&acpi);
    boot_params.acpi_rsdp = acpi.rsdp;
    kprintf("Kernel loaded to: start=0x%lx end=0x%lx size=0x%lx entry=0x%lx\n",
            boot_params.kernel_image.start, boot_params.kernel_image.end,
            boot_params.kernel_image.end - boot_params.kernel_image.start, (word_t)_start);

    pic_disable();
    lapic_init(acpi.lapic_paddr ? acpi.lapic_paddr : DEFAULT_LAPIC_PADDR);
    kprintf("Starting node #0 with APIC ID %u\n", lapic_id());
    ioapic_init(&acpi);
    kernel_window_drop_identity();
    kprintf("Mapping kernel window is done\n");
    boot_params.tsc_khz = cpu_tsc_khz();

    boot_kernel(&boot_params);

    lapic_timer_start();
#ifdef CONFIG_NO_FASTPATH
    kprintf("keel: IPC fast path compiled out (CONFIG_NO_FASTPATH)\n");
#endif
    kprintf("Booting all finished, dropped to user space\n");
    arch_restore_user_context();
}
