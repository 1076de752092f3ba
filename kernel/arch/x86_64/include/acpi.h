/* What the arch layer learns from ACPI (acpi.c): the interrupt controllers. */
#pragma once
#include "types.h"

#define MAX_IOAPICS 4
#define MAX_ISOS    16

typedef struct acpi_ioapic { uint8_t id; uint32_t paddr; uint32_t gsi_base; } acpi_ioapic_t;
/* An interrupt source override: ISA line `source` arrives on `gsi`;
 * flags are MPS INTI flags (polarity bits 0-1, trigger mode bits 2-3). */
typedef struct acpi_iso { uint8_t bus, source; uint32_t gsi; uint16_t flags; } acpi_iso_t;

typedef struct acpi_info {
    paddr_t rsdp;               /* 0 if none found */
    uint32_t lapic_paddr;
    int num_cpus;
    uint8_t boot_apic_id;
    int num_ioapics;
    acpi_ioapic_t ioapic[MAX_IOAPICS];
    int num_isos;
    acpi_iso_t iso[MAX_ISOS];
} acpi_info_t;

/* Find the RSDP, walk the RSDT/XSDT and read the MADT, printing seL4's
 * "ACPI: ..." boot lines. Runs on the kernel window. */
void acpi_init(acpi_info_t *out);
