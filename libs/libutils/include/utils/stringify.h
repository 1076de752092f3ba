/* libutils: stringification and token pasting that expand their arguments first. */
#pragma once

#define _STRINGIFY(s) #s
#define STRINGIFY(s) _STRINGIFY(s)

#define _JOIN(x, y) x ## y
#define JOIN(x, y) _JOIN(x, y)
