/* Kept for code that includes seL4's per-architecture file directly. */
#pragma once

#include <sel4/functions.h>
#include <sel4/syscalls.h>
