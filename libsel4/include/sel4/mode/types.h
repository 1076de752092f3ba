/* Sizes that depend on the word size (64-bit). */
#pragma once

#define seL4_GuardSizeBits 6
#define seL4_GuardBits     58
#define seL4_BadgeBits     64
