/* The whole seL4 user API: include this. */
#pragma once

#include <autoconf.h>
#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/bootinfo.h>
#include <sel4/functions.h>
#include <sel4/syscalls.h>
#include <sel4/faults.h>
#include <sel4/invocation.h>
#include <sel4/sel4_arch/invocation.h>
#include <sel4/arch/invocation.h>
#include <interfaces/sel4_client.h>
#include <sel4/arch/mapping.h>
#include <sel4/deprecated.h>
#include <sel4/keel.h>
