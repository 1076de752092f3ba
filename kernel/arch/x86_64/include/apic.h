/* Interrupt controllers: the 8259 PICs (pic.c, only to silence them),
 * the local APIC with the kernel timer (lapic.c) and the IOAPICs (ioapic.c). */
#pragma once
#include "types.h"
#include "acpi.h"

#define TIMER_PERIOD_US 2000    /* seL4's default tick: 2 ms */

void pic_disable(void);
void lapic_init(paddr_t lapic_paddr);
uint8_t lapic_id(void);
void lapic_timer_start(void);
void ioapic_init(const acpi_info_t *acpi);
