/* Ending the run under QEMU. */
#include "arch.h"
#include "cpu.h"

#define ACPI_PM1A_CNT   0x604     /* PIIX4 PM block as SeaBIOS sets it up on `-machine pc` */
#define ACPI_SLP_EN     0x2000    /* with SLP_TYP 0, which QEMU's DSDT gives S5 */
#define DEBUG_EXIT_PORT 0xf4      /* -device isa-debug-exit,iobase=0xf4,iosize=0x04 */

void arch_halt_system(int status)
{
    __asm__ volatile("cli");
    if (status == 0)
        outw(ACPI_PM1A_CNT, ACPI_SLP_EN);       /* QEMU exits 0 */
    else
        outl(DEBUG_EXIT_PORT, (uint32_t)status); /* QEMU exits 2 * status + 1 */
    /* Neither device there (another machine, or QEMU without the option). */
    cli_hlt_forever();
    __builtin_unreachable();
}
