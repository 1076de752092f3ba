#pragma once

#include <sel4/config.h>
