/*
 * libs-smoke: exercises the seL4-compatible user libraries (simple,
 * allocman, vka, sel4utils, vspace) from a root task and prints one
 * "PASS: name" or "FAIL: name: why" line per check. main returns the
 * number of failures (0: the run ends with status 0).
 */
#include <autoconf.h>
#include <stdio.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>
#include <simple/simple.h>
#include <simple-default/simple-default.h>
#include <vka/object.h>
#include <vka/object_capops.h>
#include <vka/capops.h>
#include <allocman/allocman.h>
#include <allocman/bootstrap.h>
#include <allocman/vka.h>
#include <vspace/vspace.h>
#include <sel4utils/vspace.h>
#include <sel4utils/mapping.h>
#include <sel4utils/helpers.h>
#include <sel4utils/thread.h>
#include <sel4utils/strerror.h>
#include <sel4utils/sel4_zf_logif.h>
#include <sel4platsupport/bootinfo.h>
#include <utils/util.h>

/* seL4's x86_64 cap type tags (seL4_DebugCapIdentify). */
enum {
    TAG_NULL = 0, TAG_FRAME = 1, TAG_UNTYPED = 2, TAG_PT = 3, TAG_EP = 4, TAG_PD = 5, TAG_NTFN = 6,
    TAG_PDPT = 7, TAG_PML4 = 9, TAG_CNODE = 10, TAG_TCB = 12,
};

static int failures;

static void check(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check(bool ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        printf("PASS: %s\n", name);
        return;
    }
    failures++;
    printf("FAIL: %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

#define POOL_SIZE (BIT(seL4_PageBits) * 10)
static char pool[POOL_SIZE];

static seL4_BootInfo *bi;
static simple_t simple;
static allocman_t *allocman;
static vka_t vka;
static vspace_t vspace;
static sel4utils_alloc_data_t vspace_data;

static void test_simple(void)
{
    check(simple_get_cnode(&simple) == seL4_CapInitThreadCNode && simple_get_pd(&simple) == seL4_CapInitThreadVSpace,
          "simple-init-caps", "cnode %lu pd %lu", (unsigned long)simple_get_cnode(&simple),
          (unsigned long)simple_get_pd(&simple));
    check(simple_get_cnode_size_bits(&simple) == (int)bi->initThreadCNodeSizeBits, "simple-cnode-size", "%d",
          simple_get_cnode_size_bits(&simple));
    int n = simple_get_untyped_count(&simple);
    bool same = n == (int)(bi->untyped.end - bi->untyped.start);
    for (int i = 0; same && i < n; i++) {
        size_t bits;
        uintptr_t paddr;
        bool dev;
        seL4_CPtr cap = simple_get_nth_untyped(&simple, i, &bits, &paddr, &dev);
        same = cap == bi->untyped.start + i && bits == bi->untypedList[i].sizeBits &&
               paddr == bi->untypedList[i].paddr && dev == (bi->untypedList[i].isDevice != 0);
    }
    check(same, "simple-untypeds", "the untyped list differs from the boot info");
    check(simple_last_valid_cap(&simple) + 1 == bi->empty.start, "simple-last-valid-cap", "%lu, empty from %lu",
          (unsigned long)simple_last_valid_cap(&simple), (unsigned long)bi->empty.start);
    check(simple_get_userimage_count(&simple) == (int)(bi->userImageFrames.end - bi->userImageFrames.start) &&
          simple_get_nth_userimage(&simple, 0) == bi->userImageFrames.start, "simple-userimage", "mismatch");
}

struct kind {
    const char *name;
    int (*alloc)(vka_t *, vka_object_t *);
    seL4_Word type;
    int tag;
};

static int alloc_untyped_16(vka_t *v, vka_object_t *o) { return vka_alloc_untyped(v, 16, o); }
static int alloc_cnode_4(vka_t *v, vka_object_t *o) { return vka_alloc_cnode_object(v, 4, o); }
static int alloc_frame_4k(vka_t *v, vka_object_t *o) { return vka_alloc_frame(v, seL4_PageBits, o); }
static int alloc_frame_2m(vka_t *v, vka_object_t *o) { return vka_alloc_frame(v, seL4_LargePageBits, o); }

static const struct kind kinds[] = {
    { "untyped", alloc_untyped_16, seL4_UntypedObject, TAG_UNTYPED },
    { "tcb", vka_alloc_tcb, seL4_TCBObject, TAG_TCB },
    { "endpoint", vka_alloc_endpoint, seL4_EndpointObject, TAG_EP },
    { "notification", vka_alloc_notification, seL4_NotificationObject, TAG_NTFN },
    { "cnode", alloc_cnode_4, seL4_CapTableObject, TAG_CNODE },
    { "frame-4k", alloc_frame_4k, seL4_X86_4K, TAG_FRAME },
    { "frame-2m", alloc_frame_2m, seL4_X86_LargePageObject, TAG_FRAME },
    { "large-page", vka_alloc_large_page, seL4_X86_LargePageObject, TAG_FRAME },
    { "page-table", vka_alloc_page_table, seL4_X86_PageTableObject, TAG_PT },
    { "page-directory", vka_alloc_page_directory, seL4_X86_PageDirectoryObject, TAG_PD },
    { "pdpt", vka_alloc_pdpt, seL4_X86_PDPTObject, TAG_PDPT },
    { "pml4", vka_alloc_pml4, seL4_X64_PML4Object, TAG_PML4 },
    { "vspace-root", vka_alloc_vspace_root, seL4_X64_PML4Object, TAG_PML4 },
};

static void test_alloc_every_type(void)
{
    size_t before = allocman_utspace_free_bytes(allocman, ALLOCMAN_UT_KERNEL);
    vka_object_t objs[ARRAY_SIZE(kinds)];
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        char name[64];
        snprintf(name, sizeof(name), "alloc-%s", kinds[i].name);
        int err = kinds[i].alloc(&vka, &objs[i]);
        int tag = err ? -1 : (int)seL4_DebugCapIdentify(objs[i].cptr);
        check(err == 0 && tag == kinds[i].tag && objs[i].type == kinds[i].type, name,
              "error %d, cap type %d (want %d), type %lu", err, tag, kinds[i].tag, (unsigned long)objs[i].type);
    }
    /* Physical addresses are aligned to the object size and distinct. */
    bool aligned = true;
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        uintptr_t p = vka_object_paddr(&vka, &objs[i]);
        aligned = aligned && p != VKA_NO_PADDR &&
                  p % BIT(vka_get_object_size(objs[i].type, objs[i].size_bits)) == 0;
    }
    check(aligned, "object-paddr-aligned", "an object's paddr is not aligned to its size");
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        vka_free_object(&vka, &objs[i]);
    }
    bool gone = true;
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        gone = gone && seL4_DebugCapIdentify(objs[i].cptr) == TAG_NULL;
    }
    check(gone, "free-deletes-caps", "a cap survived vka_free_object");
    size_t after = allocman_utspace_free_bytes(allocman, ALLOCMAN_UT_KERNEL);
    check(after == before, "free-returns-memory", "free RAM %zu before, %zu after", before, after);

    vka_object_t huge;
    int err = vka_alloc_huge_page(&vka, &huge);
    if (err == 0) {
        check(seL4_DebugCapIdentify(huge.cptr) == TAG_FRAME, "alloc-huge-page", "wrong cap type");
        vka_free_object(&vka, &huge);
    } else {
        /* Only possible with 1 GiB of contiguous aligned RAM. */
        check(allocman_utspace_free_bytes(allocman, ALLOCMAN_UT_KERNEL) < BIT(seL4_HugePageBits) * 2,
              "alloc-huge-page", "failed with plenty of RAM");
    }
}

static void test_reuse(void)
{
    size_t before = allocman_utspace_free_bytes(allocman, ALLOCMAN_UT_KERNEL);
    enum { N = 64 };
    static vka_object_t eps[N];
    int err = 0;
    for (int i = 0; i < N && !err; i++) {
        err = vka_alloc_endpoint(&vka, &eps[i]);
    }
    check(!err, "alloc-many-endpoints", "error %d", err);
    /* Free every other one, then all: the buddies must merge back. */
    for (int i = 0; i < N; i += 2) {
        vka_free_object(&vka, &eps[i]);
    }
    vka_object_t again;
    err = vka_alloc_endpoint(&vka, &again);
    bool reused = false;
    for (int i = 0; !err && i < N; i += 2) {
        reused = reused || vka_object_paddr(&vka, &again) == vka_object_paddr(&vka, &eps[i]);
    }
    check(!err && reused, "reuse-freed-memory", "error %d, reused %d", err, reused);
    if (!err) {
        vka_free_object(&vka, &again);
    }
    for (int i = 1; i < N; i += 2) {
        vka_free_object(&vka, &eps[i]);
    }
    size_t after = allocman_utspace_free_bytes(allocman, ALLOCMAN_UT_KERNEL);
    check(after == before, "buddies-merge", "free RAM %zu before, %zu after", before, after);

    /* A freed frame's physical address can be asked for again. */
    vka_object_t f, g;
    err = vka_alloc_frame(&vka, seL4_PageBits, &f);
    uintptr_t paddr = err ? 0 : vka_object_paddr(&vka, &f);
    if (!err) {
        vka_free_object(&vka, &f);
    }
    err = err ? err : vka_alloc_frame_at(&vka, seL4_PageBits, paddr, &g);
    check(!err && vka_object_paddr(&vka, &g) == paddr, "alloc-frame-at", "error %d", err);
    if (!err) {
        vka_free_object(&vka, &g);
    }
    /* Device memory: the legacy VGA window. */
    err = vka_alloc_frame_at(&vka, seL4_PageBits, 0xb8000, &g);
    check(!err && seL4_DebugCapIdentify(g.cptr) == TAG_FRAME, "alloc-device-frame-at", "error %d", err);
    if (!err) {
        vka_free_object(&vka, &g);
    }
    /* Kernel objects never come from device memory. */
    err = vka_alloc_object_at(&vka, seL4_EndpointObject, seL4_EndpointBits, 0xb8000, &g);
    check(err != 0, "no-kernel-object-in-device-memory", "an endpoint was made at 0xb8000");
}

static void test_capops(void)
{
    vka_object_t ep;
    cspacepath_t badged, copy, moved;
    int err = vka_alloc_endpoint(&vka, &ep);
    err = err ? err : vka_mint_object(&vka, &ep, &badged, seL4_AllRights, 0x61);
    check(!err && seL4_DebugCapIdentify(badged.capPtr) == TAG_EP, "mint-object", "error %d", err);

    cspacepath_t src;
    vka_cspace_make_path(&vka, ep.cptr, &src);
    err = vka_cspace_alloc_path(&vka, &copy);
    err = err ? err : vka_cnode_copy(&copy, &src, seL4_CanRead);
    check(!err && seL4_DebugCapIdentify(copy.capPtr) == TAG_EP, "cnode-copy", "error %d", err);
    err = vka_cspace_alloc_path(&vka, &moved);
    err = err ? err : vka_cnode_move(&moved, &copy);
    check(!err && seL4_DebugCapIdentify(copy.capPtr) == TAG_NULL && seL4_DebugCapIdentify(moved.capPtr) == TAG_EP,
          "cnode-move", "error %d", err);
    err = vka_cnode_revoke(&src);
    check(!err && seL4_DebugCapIdentify(moved.capPtr) == TAG_NULL && seL4_DebugCapIdentify(badged.capPtr) == TAG_NULL &&
          seL4_DebugCapIdentify(ep.cptr) == TAG_EP, "cnode-revoke", "error %d", err);
    err = vka_cnode_delete(&src);
    check(!err && seL4_DebugCapIdentify(ep.cptr) == TAG_NULL, "cnode-delete", "error %d", err);
    vka_cspace_free(&vka, copy.capPtr);
    vka_cspace_free(&vka, moved.capPtr);
    vka_cspace_free(&vka, badged.capPtr);
    vka_cspace_free(&vka, ep.cptr);
    vka_utspace_free(&vka, ep.type, ep.size_bits, ep.ut);

    check(strcmp(sel4_strerror(seL4_FailedLookup), "seL4_FailedLookup") == 0 &&
          strcmp(sel4_strerror(seL4_NotEnoughMemory), "seL4_NotEnoughMemory") == 0, "strerror", "wrong names");
}

static void test_map_page(void)
{
    vka_object_t frame;
    vka_object_t objs[3];
    int num = 3;
    void *vaddr = (void *)0x9000000;   /* no page table here yet */
    int err = vka_alloc_frame(&vka, seL4_PageBits, &frame);
    err = err ? err : sel4utils_map_page(&vka, seL4_CapInitThreadVSpace, frame.cptr, vaddr, seL4_AllRights, 1,
                                         objs, &num);
    check(!err && num == 1 && seL4_DebugCapIdentify(objs[0].cptr) == TAG_PT, "map-page-makes-page-table",
          "error %d, %d structures", err, num);
    if (!err) {
        volatile uint64_t *p = vaddr;
        p[0] = 0x1234;
        check(p[0] == 0x1234, "map-page-usable", "read back %#lx", (unsigned long)p[0]);
    }
    /* Far away: PDPT, PD and PT are all missing. */
    vka_object_t frame2;
    num = 3;
    void *far = (void *)0xa000000000ul;
    err = vka_alloc_frame(&vka, seL4_PageBits, &frame2);
    err = err ? err : sel4utils_map_page(&vka, seL4_CapInitThreadVSpace, frame2.cptr, far, seL4_AllRights, 1,
                                         objs, &num);
    check(!err && num == 3, "map-page-makes-three-levels", "error %d, %d structures", err, num);
    if (!err) {
        *(volatile int *)far = 5;
        check(*(volatile int *)far == 5, "map-page-far-usable", "read back %d", *(volatile int *)far);
    }
}

static void test_vspace(void)
{
    int err = sel4utils_bootstrap_vspace_with_bootinfo_leaky(&vspace, &vspace_data, seL4_CapInitThreadVSpace,
                                                              &vka, bi);
    check(!err, "vspace-bootstrap", "error %d", err);
    if (err) {
        return;
    }
    check(vspace_get_cap(&vspace, (void *)0x400000) == bi->userImageFrames.start &&
          vspace_get_cap(&vspace, bi->ipcBuffer) == seL4_CapInitThreadIPCBuffer,
          "vspace-knows-image", "image cap %lu", (unsigned long)vspace_get_cap(&vspace, (void *)0x400000));
    check(vspace_get_root(&vspace) == seL4_CapInitThreadVSpace, "vspace-root", "wrong root");

    char *p = vspace_new_pages(&vspace, seL4_AllRights, 4, seL4_PageBits);
    bool ok = p != NULL;
    for (int i = 0; ok && i < 4; i++) {
        p[i * 4096] = (char)i;
        ok = vspace_get_cap(&vspace, p + i * 4096) != seL4_CapNull && p[i * 4096] == (char)i;
    }
    check(ok, "vspace-new-pages", "pages at %p", (void *)p);
    char *q = vspace_new_pages(&vspace, seL4_AllRights, 1, seL4_PageBits);
    check(q != NULL && (q >= p + 4 * 4096 || q + 4096 <= p), "vspace-no-overlap", "%p and %p", (void *)p, (void *)q);

    if (p) {
        seL4_CPtr cap = vspace_get_cap(&vspace, p);
        vspace_unmap_pages(&vspace, p, 4, seL4_PageBits, VSPACE_FREE);
        check(vspace_get_cap(&vspace, p) == seL4_CapNull && seL4_DebugCapIdentify(cap) == TAG_NULL,
              "vspace-unmap-free", "cap %lu still there", (unsigned long)cap);
    }
    char *big = vspace_new_pages(&vspace, seL4_AllRights, 1, seL4_LargePageBits);
    check(big != NULL && (uintptr_t)big % BIT(seL4_LargePageBits) == 0, "vspace-large-page", "%p", (void *)big);
    if (big) {
        big[BIT(seL4_LargePageBits) - 1] = 7;
        check(big[BIT(seL4_LargePageBits) - 1] == 7 &&
              vspace_get_cap(&vspace, big + 4096) == vspace_get_cap(&vspace, big), "vspace-large-page-usable",
              "bad");
    }

    void *at = (void *)0x30000000;
    reservation_t res = vspace_reserve_range_at(&vspace, at, 2 * 4096, seL4_AllRights, 1);
    check(res.res != NULL, "vspace-reserve-at", "failed");
    reservation_t again = vspace_reserve_range_at(&vspace, at, 4096, seL4_AllRights, 1);
    check(again.res == NULL, "vspace-reserve-twice-fails", "reserved twice");
    err = vspace_new_pages_at_vaddr(&vspace, at, 2, seL4_PageBits, res);
    check(!err && *(volatile char *)at == 0, "vspace-new-pages-at", "error %d", err);
    vspace_free_reservation(&vspace, res);

    void *stack = vspace_new_stack(&vspace);
    check(stack != NULL && (uintptr_t)stack % 16 == 0, "vspace-new-stack", "%p", stack);
    if (stack) {
        ((volatile char *)stack)[-1] = 1;
    }
    seL4_CPtr ipc_cap;
    void *ipc = vspace_new_ipc_buffer(&vspace, &ipc_cap);
    check(ipc != NULL && seL4_DebugCapIdentify(ipc_cap) == TAG_FRAME, "vspace-new-ipc-buffer", "%p", ipc);

    uintptr_t paddr = sel4utils_get_paddr(&vspace, ipc, seL4_X86_4K, seL4_PageBits);
    seL4_X86_Page_GetAddress_t ga = seL4_X86_Page_GetAddress(ipc_cap);
    check(paddr != VKA_NO_PADDR && ga.error == 0 && ga.paddr == paddr, "vspace-get-paddr", "%#lx vs %#lx",
          (unsigned long)paddr, (unsigned long)ga.paddr);

    void *dup = sel4utils_dup_and_map(&vka, &vspace, ipc_cap, seL4_PageBits);
    if (dup) {
        *(volatile int *)ipc = 42;
    }
    check(dup != NULL && *(volatile int *)dup == 42, "dup-and-map", "%p", dup);
    if (dup) {
        sel4utils_unmap_dup(&vka, &vspace, dup, seL4_PageBits);
    }
}

/* ------------------------------------------------ a thread started with the helpers */

static vka_object_t ntfn;
static volatile int thread_arg_sum;
static char thread_tls[CONFIG_SEL4RUNTIME_STATIC_TLS];

static void worker(void *a, void *b, void *c)
{
    char buf[64];
    /* printf with arguments: needs the ABI stack alignment. */
    snprintf(buf, sizeof(buf), "%d %s %.1f", (int)(uintptr_t)a, "worker", 1.5);
    thread_arg_sum = (int)(uintptr_t)a + (int)(uintptr_t)b + (int)(uintptr_t)c + (strcmp(buf, "1 worker 1.5") == 0) * 100;
    seL4_Signal(ntfn.cptr);
    for (;;) {
        seL4_Wait(ntfn.cptr, NULL);
    }
}

static void test_thread(void)
{
    vka_object_t tcb;
    seL4_CPtr ipc_cap;
    int err = vka_alloc_tcb(&vka, &tcb);
    err = err ? err : vka_alloc_notification(&vka, &ntfn);
    void *stack = vspace_new_stack(&vspace);
    void *ipc = vspace_new_ipc_buffer(&vspace, &ipc_cap);
    if (err || !stack || !ipc) {
        check(false, "thread-start", "setup failed");
        return;
    }
    err = seL4_TCB_Configure(tcb.cptr, seL4_CapNull, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                             (seL4_Word)ipc, ipc_cap);
    err = err ? err : (int)seL4_TCB_SetPriority(tcb.cptr, seL4_CapInitThreadTCB, 254);
    seL4_UserContext regs = { 0 };
    err = err ? err : sel4utils_arch_init_local_context(worker, (void *)1, (void *)2, (void *)3, stack, &regs);
    check(!err && regs.rsp == (seL4_Word)stack - 8 && regs.rip == (seL4_Word)worker && regs.rdi == 1,
          "init-local-context", "rsp %#lx", (unsigned long)regs.rsp);
    err = err ? err : (int)seL4_TCB_WriteRegisters(tcb.cptr, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    uintptr_t tls = sel4runtime_write_tls_image(thread_tls);
    sel4runtime_set_tls_variable(tls, __sel4_ipc_buffer, (seL4_IPCBuffer *)ipc);
    err = err ? err : (int)seL4_TCB_SetTLSBase(tcb.cptr, tls);
    err = err ? err : (int)seL4_TCB_Resume(tcb.cptr);
    if (!err) {
        seL4_Wait(ntfn.cptr, NULL);
    }
    check(!err && thread_arg_sum == 106, "thread-runs-with-args", "error %d, sum %d", err, thread_arg_sum);
    seL4_TCB_Suspend(tcb.cptr);
}

static volatile seL4_Word helper_ipc;

static void helper_worker(void *a, void *b, void *ipc)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%lu-%lu", (unsigned long)(uintptr_t)a, (unsigned long)(uintptr_t)b);
    helper_ipc = (seL4_Word)ipc == (seL4_Word)seL4_GetIPCBuffer() && strcmp(buf, "7-8") == 0 ? (seL4_Word)ipc : 1;
    seL4_Signal(ntfn.cptr);
    for (;;) {
        seL4_Wait(ntfn.cptr, NULL);
    }
}

static void test_sel4utils_thread(void)
{
    sel4utils_thread_t thread;
    sel4utils_thread_config_t config = thread_config_default(&simple, seL4_CapInitThreadCNode,
                                                             api_make_guard_skip_word(seL4_WordBits - bi->initThreadCNodeSizeBits),
                                                             seL4_CapNull, 254);
    int err = sel4utils_configure_thread_config(&vka, &vspace, &vspace, config, &thread);
    check(!err && thread.ipc_buffer != 0 && thread.stack_top != NULL, "sel4utils-configure-thread", "error %d", err);
    if (err) {
        return;
    }
    err = sel4utils_start_thread(&thread, helper_worker, (void *)7, (void *)8, 1);
    if (!err) {
        seL4_Wait(ntfn.cptr, NULL);
    }
    check(!err && helper_ipc == thread.ipc_buffer_addr, "sel4utils-start-thread", "error %d, ipc %#lx",
          err, (unsigned long)helper_ipc);
    seL4_CPtr tcb = thread.tcb.cptr;
    sel4utils_clean_up_thread(&vka, &vspace, &thread);
    check(seL4_DebugCapIdentify(tcb) == TAG_NULL, "sel4utils-clean-up-thread", "TCB cap still there");
}

int main(void)
{
    bi = platsupport_get_bootinfo();
    check(bi != NULL && bi == sel4runtime_bootinfo(), "platsupport-bootinfo", "%p", (void *)bi);
    if (bi == NULL) {
        return 1;
    }
    simple_default_init_bootinfo(&simple, bi);
    test_simple();

    allocman = bootstrap_use_current_simple(&simple, POOL_SIZE, pool);
    check(allocman != NULL, "allocman-bootstrap", "NULL");
    if (allocman == NULL) {
        return 1;
    }
    allocman_make_vka(&vka, allocman);

    test_alloc_every_type();
    test_reuse();
    test_capops();
    test_map_page();
    test_vspace();
    test_thread();
    test_sel4utils_thread();

    printf("libs-smoke: %d failure(s); allocman pool: %zu of %zu bytes used\n", failures, allocman->pool_used,
           allocman->pool_size);
    return failures;
}
