#pragma once

#include <autoconf.h>
#include <sel4/macros.h>
