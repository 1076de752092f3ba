/* seL4 generates per-library config headers; keel keeps one: <autoconf.h>. */
#pragma once

#include <autoconf.h>
