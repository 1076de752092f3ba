/* After a failed map with seL4_FailedLookup, MR2 holds the number of
 * address bits left unresolved: which paging structure is missing. */
#pragma once

#define SEL4_MAPPING_LOOKUP_LEVEL   2
#define SEL4_MAPPING_LOOKUP_NO_PT   21
#define SEL4_MAPPING_LOOKUP_NO_PD   30
#define SEL4_MAPPING_LOOKUP_NO_PDPT 39
