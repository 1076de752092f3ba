/* A named number, as one side of the kernel/libsel4 ABI sees it. */
#pragma once

struct abi_value {
    const char *name;
    unsigned long long value;
};

void kernel_abi_get(const struct abi_value **table, unsigned *count);
void libsel4_abi_get(const struct abi_value **table, unsigned *count);
