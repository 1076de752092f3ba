/* keel libc: abs, div, rand, getenv and friends. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

char **environ;

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }
long long llabs(long long j) { return j < 0 ? -j : j; }
intmax_t imaxabs(intmax_t j) { return j < 0 ? -j : j; }

div_t div(int num, int den)
{
    div_t r = { num / den, num % den };
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r = { num / den, num % den };
    return r;
}

lldiv_t lldiv(long long num, long long den)
{
    lldiv_t r = { num / den, num % den };
    return r;
}

/* The LCG of POSIX's example rand(), widened to 31 bits of output. */
int rand_r(unsigned int *seedp)
{
    unsigned int next = *seedp;
    next = next * 1103515245u + 12345u;
    unsigned int r = (next >> 16) & 0x7ff;
    next = next * 1103515245u + 12345u;
    r = (r << 10) ^ ((next >> 16) & 0x3ff);
    next = next * 1103515245u + 12345u;
    r = (r << 10) ^ ((next >> 16) & 0x3ff);
    *seedp = next;
    return (int)(r & RAND_MAX);
}

static unsigned int rand_seed = 1;

int rand(void)
{
    return rand_r(&rand_seed);
}

void srand(unsigned int seed)
{
    rand_seed = seed;
}

char *getenv(const char *name)
{
    size_t n = strlen(name);
    if (environ == NULL) {
        return NULL;
    }
    for (char **e = environ; *e != NULL; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}
