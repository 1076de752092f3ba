/*
 * sel4utils: how a thread made by sel4utils_configure_thread_config is set
 * up, built with the thread_config_* functions:
 *     sel4utils_thread_config_t c = thread_config_default(&simple, cnode, data, fault_ep, prio);
 * (The scheduling-context fields are for seL4's MCS kernels; keel ignores them.)
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4/sel4.h>
#include <simple/simple.h>
#include <sel4utils/api.h>

typedef struct sched_params {
    uint8_t priority;           /* the thread's priority */
    uint8_t mcp;                /* its maximum controlled priority */
    seL4_CPtr auth;             /* TCB whose MCP authorises both (seL4_CapNull: leave at 0) */
    bool create_sc;             /* MCS only */
    seL4_CPtr sched_ctrl;       /* MCS only */
    uint64_t period;            /* MCS only */
    uint64_t budget;            /* MCS only */
    seL4_Word extra_refills;    /* MCS only */
    seL4_Word badge;            /* MCS only */
    seL4_CPtr sched_context;    /* MCS only */
} sched_params_t;

typedef struct sel4utils_thread_config {
    seL4_CPtr fault_endpoint;   /* CPtr of its fault endpoint (in its CSpace), or seL4_CapNull */
    seL4_CNode cspace;          /* its CSpace root */
    seL4_Word cspace_root_data; /* guard for that CNode cap (0: keep) */
    bool custom_stack_size;     /* stack_size is set */
    seL4_Word stack_size;       /* stack size in 4 KiB pages */
    bool no_ipc_buffer;         /* make no IPC buffer */
    sched_params_t sched_params;
    bool create_reply;          /* MCS only */
    seL4_CPtr reply;            /* MCS only */
} sel4utils_thread_config_t;

static inline sel4utils_thread_config_t thread_config_cspace(sel4utils_thread_config_t config, seL4_CPtr cspace_root,
                                                             seL4_Word cspace_root_data)
{
    config.cspace = cspace_root;
    config.cspace_root_data = cspace_root_data;
    return config;
}

static inline sel4utils_thread_config_t thread_config_auth(sel4utils_thread_config_t config, seL4_CPtr tcb)
{
    config.sched_params.auth = tcb;
    return config;
}

/* The caller's own CSpace (as simple describes it), priorities authorised by its TCB. */
static inline sel4utils_thread_config_t thread_config_new(simple_t *simple)
{
    sel4utils_thread_config_t config = { 0 };
    seL4_Word data = api_make_guard_skip_word(seL4_WordBits - simple_get_cnode_size_bits(simple));
    config = thread_config_auth(config, simple_get_tcb(simple));
    return thread_config_cspace(config, simple_get_cnode(simple), data);
}

static inline sel4utils_thread_config_t thread_config_priority(sel4utils_thread_config_t config, uint8_t priority)
{
    config.sched_params.priority = priority;
    return config;
}

static inline sel4utils_thread_config_t thread_config_mcp(sel4utils_thread_config_t config, uint8_t mcp)
{
    config.sched_params.mcp = mcp;
    return config;
}

static inline sel4utils_thread_config_t thread_config_stack_size(sel4utils_thread_config_t config, seL4_Word size)
{
    config.stack_size = size;
    config.custom_stack_size = true;
    return config;
}

static inline sel4utils_thread_config_t thread_config_no_ipc_buffer(sel4utils_thread_config_t config)
{
    config.no_ipc_buffer = true;
    return config;
}

static inline sel4utils_thread_config_t thread_config_fault_endpoint(sel4utils_thread_config_t config,
                                                                     seL4_CPtr fault_ep)
{
    config.fault_endpoint = fault_ep;
    return config;
}

static inline sel4utils_thread_config_t thread_config_create_reply(sel4utils_thread_config_t config)
{
    config.create_reply = true;
    return config;
}

static inline sel4utils_thread_config_t thread_config_default(simple_t *simple, seL4_CPtr cnode, seL4_Word data,
                                                              seL4_CPtr fault_ep, uint8_t prio)
{
    sel4utils_thread_config_t config = thread_config_new(simple);
    config = thread_config_cspace(config, cnode, data);
    config = thread_config_fault_endpoint(config, fault_ep);
    config = thread_config_priority(config, prio);
    return thread_config_create_reply(config);
}
