/* Building the root task, as seL4 does: its CNode of 2^16 slots with the
 * initial caps in seL4's slots, its VSpace with the ELF image, IPC buffer
 * and boot info frame, its TCB, and untyped caps to all remaining memory.
 * Everything here is carved from RAM before the rest becomes untyped. */
#include "kernel.h"
#include "bootinfo.h"
#include "util.h"
#include "../arch/x86_64/object/vspace.h"

void irq_init(void);

#define ROOT_CNODE_BITS seL4_RootCNodeSizeBits
#define ROOT_GUARD_BITS (WORD_BITS - ROOT_CNODE_BITS)
#define MAX_FREE 64
#define PADDR_TOP BIT(47)
#define ROOT_ASID 1

static p_region_t free_list[MAX_FREE];
static int n_free;

static char idle_tcb_object[BIT(TCB_BITS)] ALIGN(BIT(TCB_BITS));

/* ---------------------------------------------------------------- boot memory */

static void free_add(paddr_t s, paddr_t e)
{
    if (s < e && n_free < MAX_FREE)
        free_list[n_free++] = (p_region_t){ s, e };
}

static void free_remove(paddr_t s, paddr_t e)
{
    for (int i = 0; i < n_free; i++) {
        p_region_t r = free_list[i];
        if (e <= r.start || s >= r.end)
            continue;
        free_list[i] = free_list[--n_free];
        i--;
        free_add(r.start, MIN(s, r.end));
        free_add(MAX(e, r.start), r.end);
    }
}

static void *boot_alloc(word_t bits)
{
    for (int i = 0; i < n_free; i++) {
        paddr_t s = ROUND_UP(free_list[i].start, bits);
        if (s + BIT(bits) <= free_list[i].end && s >= free_list[i].start) {
            free_remove(s, s + BIT(bits));
            void *p = ptr_from_paddr(s);
            memset(p, 0, BIT(bits));
            return p;
        }
    }
    kernel_end_run(103, "keel: not enough memory to build the root task");
}

static void *boot_alloc_bytes(word_t size)   /* page aligned, contiguous */
{
    size = ROUND_UP(size, PAGE_BITS);
    for (int i = 0; i < n_free; i++) {
        paddr_t s = ROUND_UP(free_list[i].start, PAGE_BITS);
        if (s + size <= free_list[i].end) {
            free_remove(s, s + size);
            memset(ptr_from_paddr(s), 0, size);
            return ptr_from_paddr(s);
        }
    }
    kernel_end_run(103, "keel: not enough memory to load the root task");
}

/* ---------------------------------------------------------------- ELF */

typedef struct {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf64_ehdr_t;
typedef struct {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
} elf64_phdr_t;
#define PT_LOAD 1

typedef struct { vptr_t start, end, entry; } image_t;

static const elf64_phdr_t *elf_phdr(const elf64_ehdr_t *eh, int i)
{
    return (const elf64_phdr_t *)((const char *)eh + eh->phoff + (word_t)i * eh->phentsize);
}

static image_t elf_check(const elf64_ehdr_t *eh, word_t size)
{
    image_t img = { ~0ul, 0, eh->entry };
    if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4) != 0 || eh->ident[4] != 2 || eh->machine != 62 ||
        eh->phentsize != sizeof(elf64_phdr_t) || eh->phoff + (word_t)eh->phnum * sizeof(elf64_phdr_t) > size)
        kernel_end_run(103, "keel: the boot module is not an x86_64 ELF executable");
    for (int i = 0; i < eh->phnum; i++) {
        const elf64_phdr_t *ph = elf_phdr(eh, i);
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (ph->offset + ph->filesz > size || ph->filesz > ph->memsz || ph->vaddr < BIT(PAGE_BITS) ||
            ph->vaddr + ph->memsz > BIT(39))
            kernel_end_run(103, "keel: the root task's ELF segments are invalid");
        img.start = MIN(img.start, ROUND_DOWN(ph->vaddr, PAGE_BITS));
        img.end = MAX(img.end, ROUND_UP(ph->vaddr + ph->memsz, PAGE_BITS));
    }
    if (img.end == 0 || img.end - img.start > BIT(30))
        kernel_end_run(103, "keel: the root task's ELF image is empty or too large");
    return img;
}

/* ---------------------------------------------------------------- root task */

static word_t next_slot;
static cte_t *root_slots;

static void provide_cap(word_t slot, cap_t c)
{
    cte_t *s = &root_slots[slot];
    s->cap = c;
    s->mdb.prev = s->mdb.next = 0;
    mdb_set_flags(s, true, true);
}

static word_t provide_next(cap_t c)
{
    provide_cap(next_slot, c);
    return next_slot++;
}

/* An untyped cap for boot memory; its contents are zeroed when objects are
 * made from it, so nothing is cleared here. */
static cap_t untyped_cap(paddr_t p, word_t bits, bool device)
{
    cap_t c = cap_new(cap_untyped);
    c = cap_set_ut_paddr(c, p);
    c = cap_set_ut_block_bits(c, bits);
    return cap_set_ut_is_device(c, device);
}

static void make_untypeds(bootinfo_t *bi, const boot_params_t *bp)
{
    int n = 0, n_ram = 0;
    word_t ram_bytes = 0;
    bi->untyped.start = next_slot;

    /* RAM: every free block, as the largest aligned pieces, biggest first */
    for (word_t bits = seL4_MaxUntypedBits; bits >= seL4_MinUntypedBits; bits--) {
        for (int i = 0; i < n_free; i++) {
            for (paddr_t s = free_list[i].start; s < free_list[i].end;) {
                word_t b = s ? MIN((word_t)__builtin_ctzl(s), (word_t)seL4_MaxUntypedBits) : seL4_MaxUntypedBits;
                while (b > 0 && s + BIT(b) > free_list[i].end)
                    b--;
                if (b == bits && n < MAX_BOOTINFO_UNTYPED_CAPS) {
                    cap_t c = untyped_cap(s, b, false);
                    provide_next(c);
                    bi->untyped_list[n++] = (untyped_desc_t){ .paddr = s, .size_bits = b, .is_device = 0 };
                    ram_bytes += BIT(b);
                    n_ram++;
                }
                s += BIT(b);
            }
        }
    }
    /* Devices: the physical address space that is not RAM. */
    paddr_t at = 0;
    for (int i = 0; i <= bp->num_ram; i++) {
        paddr_t end = i < bp->num_ram ? bp->ram[i].start : PADDR_TOP;
        while (at < end && n < MAX_BOOTINFO_UNTYPED_CAPS) {
            word_t b = at ? MIN((word_t)__builtin_ctzl(at), (word_t)seL4_MaxUntypedBits) : seL4_MaxUntypedBits;
            while (at + BIT(b) > end)
                b--;
            if (b >= seL4_MinUntypedBits) {
                cap_t c = untyped_cap(at, b, true);
                provide_next(c);
                bi->untyped_list[n++] = (untyped_desc_t){ .paddr = at, .size_bits = b, .is_device = 1 };
            }
            at += BIT(b);
        }
        if (i < bp->num_ram)
            at = MAX(at, bp->ram[i].end);
    }
    bi->untyped.end = next_slot;
    kprintf("Free RAM given to the root task as untyped memory: 0x%lx bytes (%d untypeds of RAM, %d in all)\n",
            ram_bytes, n_ram, n);
}

static void init_idle_thread(void)
{
    tcb_t *idle = (tcb_t *)(idle_tcb_object + TCB_OFFSET);
    idle->state = ThreadState_IdleThreadState;
    ksnprintf(idle->name, sizeof(idle->name), "idle_thread");
    arch_init_idle_thread(idle);
    ksIdleThread = idle;
    tcbDebugAppend(idle);
}

void boot_kernel(const boot_params_t *bp)
{
    for (int i = 0; i < bp->num_ram; i++)
        free_add(bp->ram[i].start, bp->ram[i].end);
    free_remove(ROUND_DOWN(bp->kernel_image.start, PAGE_BITS), ROUND_UP(bp->kernel_image.end, PAGE_BITS));
    free_remove(bp->module.start, bp->module.end);
    free_remove(0, BIT(20));   /* low memory stays with the firmware, as in seL4 */

    init_idle_thread();
    irq_init();

    const elf64_ehdr_t *eh = ptr_from_paddr(bp->module.start);
    image_t img = elf_check(eh, bp->module.end - bp->module.start);
    vptr_t ipcbuf_vaddr = img.end, bi_vaddr = img.end + BIT(PAGE_BITS);
    vptr_t map_end = bi_vaddr + BIT(PAGE_BITS);
    if (ROUND_DOWN(img.start, 30) != ROUND_DOWN(map_end - 1, 30))
        kernel_end_run(103, "keel: the root task must fit in one GiB of virtual memory");

    /* Kernel objects of the root task, biggest alignment first. */
    void *cnode_mem = boot_alloc(ROOT_CNODE_BITS + SLOT_BITS);
    void *tcb_mem = boot_alloc(TCB_BITS);
    void *pool_mem = boot_alloc(ASID_POOL_BITS);
    void *pml4_mem = boot_alloc(PT_BITS);
    void *pdpt_mem = boot_alloc(PT_BITS);
    void *pd_mem = boot_alloc(PT_BITS);
    void *ipcbuf_mem = boot_alloc(PAGE_BITS);
    void *bi_mem = boot_alloc(PAGE_BITS);
    char *image_mem = boot_alloc_bytes(img.end - img.start);

    for (int i = 0; i < eh->phnum; i++) {
        const elf64_phdr_t *ph = elf_phdr(eh, i);
        if (ph->type == PT_LOAD && ph->memsz)
            memcpy(image_mem + (ph->vaddr - img.start), (const char *)eh + ph->offset, ph->filesz);
    }
    kprintf("ELF-loading userland images from boot modules:\n");
    kprintf("size=0x%lx v_entry=0x%lx v_start=0x%lx v_end=0x%lx p_start=0x%lx p_end=0x%lx\n",
            img.end - img.start, img.entry, img.start, img.end, paddr_from_pptr(image_mem),
            paddr_from_pptr(image_mem) + (img.end - img.start));
    /* The module itself is free memory from now on. */
    free_add(MAX(bp->module.start, BIT(20)), ROUND_DOWN(bp->module.end, PAGE_BITS));
    free_remove(0, BIT(20));

    /* The root CNode: 2^16 slots, guard 0 of 48 bits, so a CPtr is a slot number. */
    cap_t cnode_cap = createObject(seL4_CapTableObject, cnode_mem, ROOT_CNODE_BITS, false);
    cnode_cap = cap_set_cnode_guard_size(cnode_cap, ROOT_GUARD_BITS);
    root_slots = cnode_slots(cnode_cap);

    cap_t tcb_cap = createObject(seL4_TCBObject, tcb_mem, 0, false);
    tcb_t *root = ptr_from_paddr(cap_tcb_paddr(tcb_cap));

    cap_t pool_cap = boot_make_asid_pool(pool_mem, 0);
    cap_t pml4_cap = boot_make_pml4(pml4_mem, pool_cap, ROOT_ASID);

    provide_cap(seL4_CapInitThreadTCB, tcb_cap);
    provide_cap(seL4_CapInitThreadCNode, cnode_cap);
    provide_cap(seL4_CapInitThreadVSpace, pml4_cap);
    provide_cap(seL4_CapIRQControl, cap_new(cap_irq_control));
    provide_cap(seL4_CapASIDControl, cap_new(cap_asid_control));
    provide_cap(seL4_CapInitThreadASIDPool, pool_cap);
    provide_cap(seL4_CapIOPortControl, cap_new(cap_io_port_control));
    provide_cap(seL4_CapDomain, cap_new(cap_domain));
    next_slot = seL4_NumInitialCaps;

    bootinfo_t *bi = bi_mem;
    bi->user_image_paging.start = next_slot;
    provide_next(boot_map_table(pml4_cap, seL4_X86_PDPTObject, pdpt_mem, img.start));
    provide_next(boot_map_table(pml4_cap, seL4_X86_PageDirectoryObject, pd_mem, img.start));
    for (vptr_t v = ROUND_DOWN(img.start, LARGE_PAGE_BITS); v < map_end; v += BIT(LARGE_PAGE_BITS))
        provide_next(boot_map_table(pml4_cap, seL4_X86_PageTableObject, boot_alloc(PT_BITS), v));
    bi->user_image_paging.end = next_slot;

    provide_cap(seL4_CapInitThreadIPCBuffer, boot_map_frame(pml4_cap, paddr_from_pptr(ipcbuf_mem), ipcbuf_vaddr, true));
    provide_cap(seL4_CapBootInfoFrame, boot_map_frame(pml4_cap, paddr_from_pptr(bi_mem), bi_vaddr, true));

    bi->user_image_frames.start = next_slot;
    for (vptr_t v = img.start; v < img.end; v += BIT(PAGE_BITS))
        provide_next(boot_map_frame(pml4_cap, paddr_from_pptr(image_mem + (v - img.start)), v, true));
    bi->user_image_frames.end = next_slot;

    make_untypeds(bi, bp);

    bi->node_id = 0;
    bi->num_nodes = 1;
    bi->num_iopt_levels = (word_t)-1;
    bi->ipc_buffer = ipcbuf_vaddr;
    bi->empty.start = next_slot;
    bi->empty.end = BIT(ROOT_CNODE_BITS);
    bi->init_thread_cnode_size_bits = ROOT_CNODE_BITS;
    bi->init_thread_domain = 0;

    /* The root thread. */
    cteInsert(cnode_cap, &root_slots[seL4_CapInitThreadCNode], tcb_cte(root, TCB_CTABLE));
    cteInsert(pml4_cap, &root_slots[seL4_CapInitThreadVSpace], tcb_cte(root, TCB_VTABLE));
    cteInsert(root_slots[seL4_CapInitThreadIPCBuffer].cap, &root_slots[seL4_CapInitThreadIPCBuffer],
              tcb_cte(root, TCB_BUFFER));
    setupReplyMaster(root);
    ksnprintf(root->name, sizeof(root->name), "rootserver");
    root->priority = seL4_MaxPrio;
    root->mcp = seL4_MaxPrio;
    root->ipc_buffer = ipcbuf_vaddr;
    root->ctx.r[REG_RDI] = bi_vaddr;
    root->ctx.r[REG_FAULTIP] = root->ctx.r[REG_NEXTIP] = img.entry;
    root->state = ThreadState_Running;
    tcbDebugAppend(root);

    ksCurThread = ksIdleThread;
    ksSchedulerAction = SCHEDULER_ACTION_RESUME_CURRENT;
    arch_switch_thread(ksIdleThread, root);
    setVMRoot(root);
    ksCurThread = root;
}
