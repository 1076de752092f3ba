/* Invocation labels specific to x86_64 (numbered after the generic ones). */
#pragma once

#include <sel4/invocation.h>

enum sel4_arch_invocation_label {
    X86PDPTMap = nInvocationLabels,     /* 33 */
    X86PDPTUnmap,                       /* 34 */
    nSeL4ArchInvocationLabels           /* 35 */
};
