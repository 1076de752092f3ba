/* ACPI, only as far as interrupts need it: find the RSDP, walk the RSDT
 * (or XSDT) and read the MADT for the local APIC address, the CPUs, the
 * IOAPICs and the ISA interrupt source overrides. The FADT is reported
 * too, as seL4 does. Tables are read through the kernel window, which
 * covers the low 4 GiB where firmware puts them. Output lines follow
 * seL4's boot log. */
#include "acpi.h"
#include "printf.h"

typedef struct PACKED rsdp {
    char signature[8];          /* "RSD PTR " */
    uint8_t checksum;           /* over the first 20 bytes */
    char oem_id[6];
    uint8_t revision;           /* 0: ACPI 1.0 (RSDT only); 2+: has the fields below */
    uint32_t rsdt_paddr;
    uint32_t length;
    uint64_t xsdt_paddr;
    uint8_t ext_checksum;
    uint8_t reserved[3];
} rsdp_t;

typedef struct PACKED sdt_header {
    char signature[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem_id[6], oem_table_id[8];
    uint32_t oem_revision, creator_id, creator_revision;
} sdt_header_t;

typedef struct PACKED madt {
    sdt_header_t h;
    uint32_t lapic_paddr;
    uint32_t flags;
    /* followed by variable-length entries: type, length, ... */
} madt_t;
enum { MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_ISO = 2 };

#define FADT_FLAGS_OFFSET 112

static bool checksum_ok(const void *p, word_t len)
{
    uint8_t sum = 0;
    for (word_t i = 0; i < len; i++)
        sum += ((const uint8_t *)p)[i];
    return sum == 0;
}

static bool sig_is(const char *s, const char *want, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] != want[i])
            return false;
    return true;
}

/* Scan [start, end) on 16-byte boundaries for a valid RSDP. */
static paddr_t rsdp_scan(paddr_t start, paddr_t end)
{
    for (paddr_t p = start; p + sizeof(rsdp_t) <= end; p += 16) {
        const rsdp_t *r = ptr_from_paddr(p);
        if (sig_is(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20))
            return p;
    }
    return 0;
}

/* The RSDP lives in the first KiB of the EBDA or in the BIOS area. */
static paddr_t rsdp_find(void)
{
    paddr_t ebda = (paddr_t)*(volatile uint16_t *)ptr_from_paddr(0x40e) << 4;
    paddr_t p = 0;
    if (ebda >= 0x80000 && ebda < 0xa0000)
        p = rsdp_scan(ebda, ebda + 1024);
    return p ? p : rsdp_scan(0xe0000, 0x100000);
}

static void madt_parse(paddr_t paddr, acpi_info_t *out)
{
    const madt_t *m = ptr_from_paddr(paddr);
    kprintf("ACPI: MADT paddr=%p\n", (void *)paddr);
    kprintf("ACPI: MADT apic_addr=0x%x\n", m->lapic_paddr);
    kprintf("ACPI: MADT flags=0x%x\n", m->flags);
    out->lapic_paddr = m->lapic_paddr;

    const uint8_t *e = (const uint8_t *)(m + 1), *end = (const uint8_t *)m + m->h.length;
    for (; e + 2 <= end && e[1] >= 2; e += e[1]) {
        switch (e[0]) {
        case MADT_LAPIC:                /* processor id, APIC id, flags (bit 0: enabled) */
            if (*(const uint32_t *)(e + 4) & 1) {
                kprintf("ACPI: MADT_APIC apic_id=0x%x\n", e[3]);
                if (out->num_cpus++ == 0)
                    out->boot_apic_id = e[3];
            }
            break;
        case MADT_IOAPIC: {             /* id, reserved, address, GSI base */
            uint32_t addr = *(const uint32_t *)(e + 4), gsib = *(const uint32_t *)(e + 8);
            kprintf("ACPI: MADT_IOAPIC ioapic_id=%d ioapic_addr=0x%x gsib=%d\n", e[2], addr, gsib);
            if (out->num_ioapics < MAX_IOAPICS)
                out->ioapic[out->num_ioapics++] = (acpi_ioapic_t){ e[2], addr, gsib };
            break;
        }
        case MADT_ISO: {                /* bus, source, GSI, flags */
            uint32_t gsi = *(const uint32_t *)(e + 4);
            uint16_t flags = *(const uint16_t *)(e + 8);
            kprintf("ACPI: MADT_ISO bus=%d source=%d gsi=0x%03x flags=0x%x\n", e[2], e[3], gsi, flags);
            if (out->num_isos < MAX_ISOS)
                out->iso[out->num_isos++] = (acpi_iso_t){ e[2], e[3], gsi, flags };
            break;
        }
        default:
            break;
        }
    }
}

void acpi_init(acpi_info_t *out)
{
    *out = (acpi_info_t){ 0 };
    paddr_t rsdp_paddr = rsdp_find();
    if (!rsdp_paddr) {
        kprintf("ACPI: no RSDP found\n");
        return;
    }
    out->rsdp = rsdp_paddr;
    kprintf("ACPI: RSDP paddr=%p\n", (void *)rsdp_paddr);

    /* The XSDT (64-bit entries) if there is one, else the RSDT. */
    const rsdp_t *rsdp = ptr_from_paddr(rsdp_paddr);
    bool xsdt = rsdp->revision >= 2 && rsdp->xsdt_paddr && rsdp->xsdt_paddr < KERNEL_WINDOW_SIZE;
    paddr_t root_paddr = xsdt ? rsdp->xsdt_paddr : rsdp->rsdt_paddr;
    const sdt_header_t *root = ptr_from_paddr(root_paddr);
    kprintf("ACPI: %s paddr=%p\n", xsdt ? "XSDT" : "RSDT", (void *)root_paddr);
    if (!checksum_ok(root, root->length)) {
        kprintf("ACPI: bad root table checksum\n");
        return;
    }

    word_t entry_size = xsdt ? 8 : 4;
    word_t n = (root->length - sizeof(*root)) / entry_size;
    const uint8_t *entries = (const uint8_t *)(root + 1);
    for (word_t i = 0; i < n; i++) {
        paddr_t p = xsdt ? *(const uint64_t *)(entries + 8 * i) : *(const uint32_t *)(entries + 4 * i);
        if (!p || p >= KERNEL_WINDOW_SIZE)
            continue;
        const sdt_header_t *t = ptr_from_paddr(p);
        if (!checksum_ok(t, t->length))
            continue;
        if (sig_is(t->signature, "FACP", 4)) {
            kprintf("ACPI: FADT paddr=%p\n", (void *)p);
            if (t->length >= FADT_FLAGS_OFFSET + 4)
                kprintf("ACPI: FADT flags=0x%x\n", *(const uint32_t *)((const uint8_t *)t + FADT_FLAGS_OFFSET));
        } else if (sig_is(t->signature, "APIC", 4)) {
            madt_parse(p, out);
        }
    }
    kprintf("ACPI: %d CPU(s) detected\n", out->num_cpus);
}
