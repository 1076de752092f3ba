/* Sample statistics: radix sort, min/median/p90, result lines. */
#include <stdio.h>
#include <string.h>
#include "bench.h"

/* The 2 MiB sample page: A, B (the second array of the one-way halves),
 * the sort's scratch array and its digit counts. */
#define ARRAY_WORDS (128 * 1024)
uint32_t *const samples_a = (uint32_t *)SAMPLES_VADDR;
uint32_t *const samples_b = (uint32_t *)(SAMPLES_VADDR + 4 * ARRAY_WORDS);
static uint32_t *const scratch = (uint32_t *)(SAMPLES_VADDR + 8 * ARRAY_WORDS);
static uint32_t *const counts = (uint32_t *)(SAMPLES_VADDR + 12 * ARRAY_WORDS);

_Static_assert(N_SAMPLES <= ARRAY_WORDS, "sample arrays hold 128 Ki samples");
_Static_assert(12 * ARRAY_WORDS + 4 * 65536 <= 2 * 1024 * 1024, "sample page overflow");

/* LSD radix sort, two 16-bit digits. */
static void radix_sort(uint32_t *v, uint32_t n)
{
    uint32_t *src = v, *dst = scratch;
    for (int shift = 0; shift < 32; shift += 16) {
        memset(counts, 0, 65536 * sizeof(uint32_t));
        for (uint32_t i = 0; i < n; i++)
            counts[(src[i] >> shift) & 0xffff]++;
        uint32_t sum = 0;
        for (uint32_t d = 0; d < 65536; d++) {
            uint32_t c = counts[d];
            counts[d] = sum;
            sum += c;
        }
        for (uint32_t i = 0; i < n; i++)
            dst[counts[(src[i] >> shift) & 0xffff]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    /* Two passes: the sorted data is back in v. */
}

void stats_compute(result_t *r, uint32_t *samples, uint32_t n)
{
    radix_sort(samples, n);
    r->n = n;
    r->min = samples[0];
    r->median = samples[n / 2];
    r->p90 = samples[(uint64_t)n * 9 / 10];
    r->max = samples[n - 1];
    /* The most frequent values (the samples are sorted: runs). */
    r->n_modes = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && samples[j] == samples[i])
            j++;
        uint32_t c = j - i;
        for (int k = 0; k < 3; k++) {
            if (k >= r->n_modes || c > r->mode_count[k]) {
                for (int m = 2; m > k; m--) {
                    r->mode[m] = r->mode[m - 1];
                    r->mode_count[m] = r->mode_count[m - 1];
                }
                r->mode[k] = samples[i];
                r->mode_count[k] = c;
                if (r->n_modes < 3)
                    r->n_modes++;
                break;
            }
        }
        i = j;
    }
}

/* num/den as a decimal with the given number of decimals, rounded. */
void fmt_fixed(char *buf, uint64_t num, uint64_t den, int decimals)
{
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    uint64_t v = (num * scale + den / 2) / den;
    if (decimals == 0)
        sprintf(buf, "%lu", (unsigned long)v);
    else
        sprintf(buf, "%lu.%0*lu", (unsigned long)(v / scale), decimals, (unsigned long)(v % scale));
}

void stats_print(const result_t *r)
{
    char batch[32];
    if (r->batch_n)
        fmt_fixed(batch, r->batch_total, r->batch_n, 1);
    else
        strcpy(batch, "-");
    printf("RESULT %s n=%u min=%u median=%u p90=%u batch_avg=%s\n", r->name, r->n, r->min, r->median,
           r->p90, batch);
    printf("INFO %s max=%u most frequent:", r->name, r->max);
    for (int k = 0; k < r->n_modes; k++)
        printf(" %u x%u", r->mode[k], r->mode_count[k]);
    printf("\n");
}

/* One marker instruction per code (the plugin reads the code from the
 * instruction's bytes, so each needs its own instruction). */
__attribute__((noinline)) void mark(unsigned code)
{
#define M4(b) case b: MARK_INSN(b); break; case b + 1: MARK_INSN(b + 1); break; \
              case b + 2: MARK_INSN(b + 2); break; case b + 3: MARK_INSN(b + 3); break;
    switch (code) {
        M4(0) M4(4) M4(8) M4(12) M4(16) M4(20) M4(24) M4(28)
    default:
        break;
    }
#undef M4
}
