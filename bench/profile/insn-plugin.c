/* QEMU TCG plugin: exact per-instruction execution counts inside windows
 * that the guest opens and closes with marker instructions.
 *
 * Marker: `nopl 0x4b45MMMM(%rax)` (bytes 0f 1f 80 + disp32); MMMM even opens
 * window MMMM/2, odd closes it (bench/ipc/bench.h: MARK_BEGIN/MARK_END).
 * At a close the plugin writes, to the file given as out=FILE, a line
 *   WINDOW <id> <total instructions>
 * followed by one line per instruction address executed in the window:
 *   I <vaddr hex> <count> <disassembly>
 * bench/profile/report.py turns that into per-operation figures.
 *
 * Every instruction gets an inline 64-bit add (exact even when an
 * instruction faults part-way through a translation block). Built
 * against the QEMU 7.2 plugin API (version 1); only the few functions used
 * are declared here, so no QEMU or glib headers are needed. */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the QEMU plugin API subset (include/qemu/qemu-plugin.h, QEMU 7.2) */
typedef uint64_t qemu_plugin_id_t;
typedef struct {
    const char *target_name;
    struct { int min, cur; } version;
    bool system_emulation;
    union { struct { int smp_vcpus, max_vcpus; } system; };
} qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
                                                void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
char *qemu_plugin_insn_disas(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

/* ---- state */
typedef struct rec {
    uint64_t count;     /* executions so far (inline add) */
    uint64_t base;      /* count when the current window opened */
    uint64_t vaddr;
    char *disas;
    struct rec *next;
} rec_t;

static rec_t *recs;
static FILE *out;
static long open_window = -1;

static void snapshot(void)
{
    for (rec_t *r = recs; r; r = r->next)
        r->base = r->count;
}

static void marker(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    uint32_t m = (uint32_t)(uintptr_t)udata;
    if ((m & 1) == 0) {
        open_window = m >> 1;
        snapshot();
        return;
    }
    if (open_window != (long)(m >> 1))
        return;
    /* The window's instructions, without the closing marker itself (its
     * count was bumped before this callback? no: callbacks run before the
     * inline op registered after them, so it is not yet counted). */
    uint64_t total = 0;
    for (rec_t *r = recs; r; r = r->next)
        total += r->count - r->base;
    fprintf(out, "WINDOW %ld %" PRIu64 "\n", open_window, total);
    for (rec_t *r = recs; r; r = r->next)
        if (r->count != r->base)
            fprintf(out, "I %" PRIx64 " %" PRIu64 " %s\n", r->vaddr, r->count - r->base, r->disas);
    fflush(out);
    open_window = -1;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        const uint8_t *b = qemu_plugin_insn_data(insn);
        if (qemu_plugin_insn_size(insn) == 7 && b[0] == 0x0f && b[1] == 0x1f && b[2] == 0x80 &&
            b[5] == 0x45 && b[6] == 0x4b) {
            uint32_t m = (uint32_t)b[3] | (uint32_t)b[4] << 8;
            qemu_plugin_register_vcpu_insn_exec_cb(insn, marker, QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)m);
            continue;   /* markers are not counted */
        }
        rec_t *r = calloc(1, sizeof(*r));
        r->vaddr = qemu_plugin_insn_vaddr(insn);
        r->disas = qemu_plugin_insn_disas(insn);
        /* A record made while a window is open starts from zero. */
        r->next = recs;
        recs = r;
        qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &r->count, 1);
    }
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
    (void)id;
    (void)udata;
    if (out)
        fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info;
    const char *path = "insn-profile.txt";
    for (int i = 0; i < argc; i++)
        if (strncmp(argv[i], "out=", 4) == 0)
            path = argv[i] + 4;
    out = fopen(path, "w");
    if (!out)
        return 1;
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
