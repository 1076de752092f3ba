/* libutils: compile-time assertions. */
#pragma once

#include <assert.h>

/* compile_time_assert(name, expr): fails the build, naming `name`, if !expr. */
#define compile_time_assert(name, expr) _Static_assert((expr), #name)
