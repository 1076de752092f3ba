/* Configuration for libsel4 users: everything is in <autoconf.h>. */
#pragma once

#include <autoconf.h>
