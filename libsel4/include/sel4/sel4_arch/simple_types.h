/* x86_64 is LP64: a 64-bit integer is a long, and a word is 64 bits. */
#pragma once

#define SEL4_INT64_IS_LONG
#define SEL4_WORD_IS_UINT64
