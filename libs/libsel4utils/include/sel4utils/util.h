/* sel4utils: architecture helpers, all in one include. */
#pragma once

#include <sel4utils/arch/util.h>
