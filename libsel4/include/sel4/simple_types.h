/* The fixed-size integer types of the seL4 API (no libc headers needed). */
#pragma once

#include <sel4/macros.h>
#include <sel4/arch/simple_types.h>

typedef signed char        seL4_Int8;
typedef unsigned char      seL4_Uint8;
typedef signed short int   seL4_Int16;
typedef unsigned short int seL4_Uint16;
typedef signed int         seL4_Int32;
typedef unsigned int       seL4_Uint32;
typedef signed long int    seL4_Int64;
typedef unsigned long int  seL4_Uint64;

#define _seL4_int64_fmt l
#define _macro_str_concat_helper2(x)   #x
#define _macro_str_concat_helper1(x, y) _macro_str_concat_helper2(x ## y)
#define _macro_str_concat(x, y)         _macro_str_concat_helper1(x, y)
#define SEL4_PRId64 _macro_str_concat(_seL4_int64_fmt, d)
#define SEL4_PRIi64 _macro_str_concat(_seL4_int64_fmt, i)
#define SEL4_PRIu64 _macro_str_concat(_seL4_int64_fmt, u)
#define SEL4_PRIx64 _macro_str_concat(_seL4_int64_fmt, x)

#define seL4_True  1
#define seL4_False 0
typedef seL4_Int8 seL4_Bool;

#ifdef __cplusplus
#define seL4_Null 0L
#else
#define seL4_Null ((void *)0)
#endif

typedef seL4_Uint64 seL4_Word;
#define _seL4_word_fmt _seL4_int64_fmt
#define SEL4_PRId_word _macro_str_concat(_seL4_word_fmt, d)
#define SEL4_PRIi_word _macro_str_concat(_seL4_word_fmt, i)
#define SEL4_PRIu_word _macro_str_concat(_seL4_word_fmt, u)
#define SEL4_PRIx_word _macro_str_concat(_seL4_word_fmt, x)
#define SEL4_PRI_word  SEL4_PRIu_word

typedef seL4_Word seL4_CPtr;
typedef seL4_Word seL4_Register;

SEL4_COMPILE_ASSERT(sizeof_seL4_Int8_is_1_byte, sizeof(seL4_Int8) == 1)
SEL4_COMPILE_ASSERT(sizeof_seL4_Int16_is_2_byte, sizeof(seL4_Int16) == 2)
SEL4_COMPILE_ASSERT(sizeof_seL4_Int32_is_4_byte, sizeof(seL4_Int32) == 4)
SEL4_COMPILE_ASSERT(sizeof_seL4_Int64_is_8_byte, sizeof(seL4_Int64) == 8)
SEL4_COMPILE_ASSERT(sizeof_seL4_Word_is_8_byte, sizeof(seL4_Word) == 8)
