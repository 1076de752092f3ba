/* Same as <interfaces/sel4_client.h>. */
#pragma once

#include <interfaces/sel4_client.h>
