/* Asserts that exist only in debug builds (CONFIG_DEBUG_BUILD). */
#pragma once

#include <autoconf.h>
#include <sel4/assert.h>

#ifdef CONFIG_DEBUG_BUILD
#define seL4_DebugAssert(expr) seL4_Assert(expr)
#define seL4_DebugCompileTimeAssert(expr) seL4_CompileTimeAssert(expr)
#else
#define seL4_DebugAssert(expr) do { } while (0)
#define seL4_DebugCompileTimeAssert(expr)
#endif
