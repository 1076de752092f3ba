/* seL4_BootInfo as the kernel writes it into the root task's boot info
 * frame (x86_64, non-MCS; offsets checked below and in tests/host). */
#pragma once
#include "types.h"
#include "sel4_abi.h"

typedef struct { word_t start, end; } slot_region_t;
typedef struct {
    word_t paddr;
    uint8_t size_bits;
    uint8_t is_device;
    uint8_t padding[6];
} untyped_desc_t;

typedef struct bootinfo {
    word_t extra_len;
    word_t node_id;
    word_t num_nodes;
    word_t num_iopt_levels;
    word_t ipc_buffer;                 /* user address */
    slot_region_t empty;
    slot_region_t shared_frames;
    slot_region_t user_image_frames;
    slot_region_t user_image_paging;
    slot_region_t io_space_caps;
    slot_region_t extra_bi_pages;
    word_t init_thread_cnode_size_bits;
    word_t init_thread_domain;
    slot_region_t untyped;
    untyped_desc_t untyped_list[MAX_BOOTINFO_UNTYPED_CAPS];
} bootinfo_t;

compile_assert(bi_empty, offsetof(bootinfo_t, empty) == 40);
compile_assert(bi_cnode_bits, offsetof(bootinfo_t, init_thread_cnode_size_bits) == 136);
compile_assert(bi_untyped, offsetof(bootinfo_t, untyped) == 152);
compile_assert(bi_list, offsetof(bootinfo_t, untyped_list) == 168);
compile_assert(bi_size, sizeof(bootinfo_t) == 3848);
