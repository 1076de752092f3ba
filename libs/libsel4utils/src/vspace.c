/*
 * sel4utils: a vspace_t implementation (see sel4utils/vspace.h).
 *
 * Bookkeeping, all in the heap:
 *   - the pages: a 4-level table indexed like the MMU's (9 bits a level),
 *     whose leaves hold, for every 4 KiB of address space, the frame cap
 *     mapped there and its vka cookie (a 2 MiB page fills 512 entries);
 *   - the reservations: a list of [start, end) ranges sorted by address;
 *   - the paging structures made on the way, when nobody else wants them.
 */
#include <stdlib.h>
#include <string.h>
#include <utils/util.h>
#include <vka/capops.h>
#include <vspace/arch/page.h>
#include <sel4utils/mapping.h>
#include <sel4utils/vspace.h>

#define LEVEL_BITS 9
#define LEVEL_SIZE BIT(LEVEL_BITS)
#define USER_TOP 0x800000000000ul     /* end of the lower canonical half */
#define SEARCH_START 0x10000000ul     /* where the search for free ranges begins */

struct vs_page {
    seL4_CPtr cap;          /* 0: nothing mapped */
    uintptr_t cookie;       /* the frame's vka cookie; 0: not ours to free */
};

struct vs_leaf {
    struct vs_page pages[LEVEL_SIZE];
};

/* levels 3, 2, 1: 512 pointers to the next level (level 1 points to leaves) */
struct sel4utils_vspace_node {
    void *next[LEVEL_SIZE];
};

struct sel4utils_vspace_object {
    vka_object_t object;
    struct sel4utils_vspace_object *next;
};

static sel4utils_alloc_data_t *get_data(vspace_t *vspace)
{
    return vspace->data;
}

static size_t index_at(uintptr_t vaddr, int level)
{
    return (vaddr >> (seL4_PageBits + level * LEVEL_BITS)) & (LEVEL_SIZE - 1);
}

/* The entry for the 4 KiB page at vaddr; NULL if absent and !create (or out of memory). */
static struct vs_page *page_entry(sel4utils_alloc_data_t *data, uintptr_t vaddr, bool create)
{
    if (vaddr >= USER_TOP) {
        return NULL;
    }
    if (data->top_level == NULL) {
        if (!create || (data->top_level = calloc(1, sizeof(struct sel4utils_vspace_node))) == NULL) {
            return NULL;
        }
    }
    struct sel4utils_vspace_node *node = data->top_level;
    for (int level = 3; level >= 1; level--) {
        void **slot = &node->next[index_at(vaddr, level)];
        if (*slot == NULL) {
            size_t size = level == 1 ? sizeof(struct vs_leaf) : sizeof(struct sel4utils_vspace_node);
            if (!create || (*slot = calloc(1, size)) == NULL) {
                return NULL;
            }
        }
        if (level == 1) {
            return &((struct vs_leaf *)*slot)->pages[index_at(vaddr, 0)];
        }
        node = *slot;
    }
    return NULL;
}

/*
 * The first address in [start, end) where something is mapped, or `end`.
 * Skips absent parts of the table a whole level at a time.
 */
static uintptr_t first_mapped(sel4utils_alloc_data_t *data, uintptr_t start, uintptr_t end)
{
    uintptr_t v = start;
    while (v < end && v < USER_TOP) {
        void *at = data->top_level;
        int level = 3;
        while (at != NULL && level >= 1) {
            at = ((struct sel4utils_vspace_node *)at)->next[index_at(v, level)];
            level--;
        }
        size_t step_bits;
        if (at == NULL) {
            /* The table stops above: nothing is mapped in that entry's whole range. */
            step_bits = seL4_PageBits + (level + 1) * LEVEL_BITS;
        } else if (((struct vs_leaf *)at)->pages[index_at(v, 0)].cap != 0) {
            return v;
        } else {
            step_bits = seL4_PageBits;
        }
        uintptr_t next = ROUND_DOWN(v, BIT(step_bits)) + BIT(step_bits);
        if (next <= v) {
            break;
        }
        v = next;
    }
    return end;
}

/* The first reservation overlapping [start, end), or NULL. */
static sel4utils_res_t *overlapping_reservation(sel4utils_alloc_data_t *data, uintptr_t start, uintptr_t end)
{
    for (sel4utils_res_t *r = data->reservation_head; r; r = r->next) {
        if (r->start < end && start < r->end) {
            return r;
        }
    }
    return NULL;
}

static bool range_is_free(sel4utils_alloc_data_t *data, uintptr_t start, uintptr_t end)
{
    return start < end && end <= USER_TOP && overlapping_reservation(data, start, end) == NULL &&
           first_mapped(data, start, end) == end;
}

static void insert_reservation(sel4utils_alloc_data_t *data, sel4utils_res_t *res)
{
    sel4utils_res_t **p = &data->reservation_head;
    while (*p && (*p)->start < res->start) {
        p = &(*p)->next;
    }
    res->next = *p;
    *p = res;
}

static void remove_reservation(sel4utils_alloc_data_t *data, sel4utils_res_t *res)
{
    for (sel4utils_res_t **p = &data->reservation_head; *p; p = &(*p)->next) {
        if (*p == res) {
            *p = res->next;
            res->next = NULL;
            return;
        }
    }
}

static void fill_reservation(sel4utils_res_t *res, uintptr_t start, size_t bytes, seL4_CapRights_t rights,
                             int cacheable, bool malloced)
{
    res->start = ROUND_DOWN(start, PAGE_SIZE_4K);
    res->end = ROUND_UP(start + bytes, PAGE_SIZE_4K);
    res->rights = rights;
    res->cacheable = cacheable;
    res->malloced = malloced;
    res->rights_deferred = false;
    res->next = NULL;
}

/* Find a free range of `bytes` aligned to 2^align_bits. */
static int find_free_range(sel4utils_alloc_data_t *data, size_t bytes, size_t align_bits, uintptr_t *result)
{
    size_t align = BIT(MAX(align_bits, (size_t)seL4_PageBits));
    bytes = ROUND_UP(bytes, PAGE_SIZE_4K);
    uintptr_t v = ROUND_UP(MAX(data->last_allocated, PAGE_SIZE_4K), align);
    bool wrapped = false;
    for (;;) {
        if (v + bytes < v || v + bytes > USER_TOP) {
            if (wrapped) {
                return -1;
            }
            wrapped = true;
            v = ROUND_UP(PAGE_SIZE_4K, align);
            continue;
        }
        sel4utils_res_t *r = overlapping_reservation(data, v, v + bytes);
        if (r != NULL) {
            v = ROUND_UP(r->end, align);
            continue;
        }
        uintptr_t m = first_mapped(data, v, v + bytes);
        if (m != v + bytes) {
            v = ROUND_UP(m + PAGE_SIZE_4K, align);
            continue;
        }
        *result = v;
        data->last_allocated = v + bytes;
        return 0;
    }
}

/* ------------------------------------------------------------ reservations */

int sel4utils_reserve_range_aligned_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, size_t size,
                                             size_t size_bits, seL4_CapRights_t rights, int cacheable,
                                             void **result)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    uintptr_t v;
    if (size == 0 || find_free_range(data, size, size_bits, &v) != 0) {
        ZF_LOGE("No free range of %zu bytes", size);
        return -1;
    }
    fill_reservation(reservation, v, size, rights, cacheable, false);
    insert_reservation(data, reservation);
    *result = (void *)v;
    return 0;
}

int sel4utils_reserve_range_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, size_t size,
                                     seL4_CapRights_t rights, int cacheable, void **result)
{
    return sel4utils_reserve_range_aligned_no_alloc(vspace, reservation, size, seL4_PageBits, rights, cacheable,
                                                    result);
}

int sel4utils_reserve_range_at_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, void *vaddr, size_t size,
                                        seL4_CapRights_t rights, int cacheable)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    uintptr_t start = ROUND_DOWN((uintptr_t)vaddr, PAGE_SIZE_4K);
    uintptr_t end = ROUND_UP((uintptr_t)vaddr + size, PAGE_SIZE_4K);
    if (size == 0 || !range_is_free(data, start, end)) {
        ZF_LOGE("Range [%p, %p) is not free", (void *)start, (void *)end);
        return -1;
    }
    fill_reservation(reservation, start, end - start, rights, cacheable, false);
    insert_reservation(data, reservation);
    return 0;
}

static reservation_t reserve_range_aligned(vspace_t *vspace, size_t bytes, size_t size_bits,
                                           seL4_CapRights_t rights, int cacheable, void **vaddr)
{
    reservation_t res = { .res = NULL };
    sel4utils_res_t *r = malloc(sizeof(*r));
    if (r == NULL) {
        ZF_LOGE("Out of memory for a reservation");
        return res;
    }
    if (sel4utils_reserve_range_aligned_no_alloc(vspace, r, bytes, size_bits, rights, cacheable, vaddr) != 0) {
        free(r);
        return res;
    }
    r->malloced = true;
    res.res = r;
    return res;
}

static reservation_t reserve_range_at(vspace_t *vspace, void *vaddr, size_t bytes, seL4_CapRights_t rights,
                                      int cacheable)
{
    reservation_t res = { .res = NULL };
    sel4utils_res_t *r = malloc(sizeof(*r));
    if (r == NULL) {
        ZF_LOGE("Out of memory for a reservation");
        return res;
    }
    if (sel4utils_reserve_range_at_no_alloc(vspace, r, vaddr, bytes, rights, cacheable) != 0) {
        free(r);
        return res;
    }
    r->malloced = true;
    res.res = r;
    return res;
}

static void free_reservation(vspace_t *vspace, reservation_t reservation)
{
    sel4utils_res_t *r = reservation_to_res(reservation);
    if (r == NULL) {
        return;
    }
    remove_reservation(get_data(vspace), r);
    if (r->malloced) {
        free(r);
    }
}

static void free_reservation_by_vaddr(vspace_t *vspace, void *vaddr)
{
    sel4utils_res_t *r = overlapping_reservation(get_data(vspace), (uintptr_t)vaddr, (uintptr_t)vaddr + 1);
    if (r == NULL) {
        ZF_LOGE("No reservation contains %p", vaddr);
        return;
    }
    free_reservation(vspace, (reservation_t) { .res = r });
}

/* ------------------------------------------------------------ pages */

static void record_object(vspace_t *vspace, vka_object_t object)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    if (vspace->allocated_object != NULL) {
        vspace->allocated_object(vspace->allocated_object_cookie, object);
        return;
    }
    struct sel4utils_vspace_object *o = malloc(sizeof(*o));
    if (o == NULL) {
        ZF_LOGE("Out of memory: a paging structure will never be freed");
        return;
    }
    o->object = object;
    o->next = data->objects;
    data->objects = o;
}

static int default_map_page(vspace_t *vspace, seL4_CPtr cap, void *vaddr, seL4_CapRights_t rights, int cacheable,
                            size_t size_bits)
{
    (void)size_bits;
    sel4utils_alloc_data_t *data = get_data(vspace);
    vka_object_t objects[3];
    int num = 3;
    int error = sel4utils_map_page(data->vka, data->vspace_root, cap, vaddr, rights, cacheable, objects, &num);
    for (int i = 0; i < num; i++) {
        record_object(vspace, objects[i]);
    }
    return error;
}

/* Record cap/cookie for every 4 KiB of the page at vaddr. */
static int record_page(sel4utils_alloc_data_t *data, uintptr_t vaddr, size_t size_bits, seL4_CPtr cap,
                       uintptr_t cookie)
{
    for (uintptr_t v = vaddr; v < vaddr + BIT(size_bits); v += PAGE_SIZE_4K) {
        struct vs_page *p = page_entry(data, v, true);
        if (p == NULL) {
            ZF_LOGE("Out of memory for page records");
            return -1;
        }
        p->cap = cap;
        p->cookie = cookie;
    }
    return 0;
}

static void clear_page(sel4utils_alloc_data_t *data, uintptr_t vaddr, size_t size_bits)
{
    for (uintptr_t v = vaddr; v < vaddr + BIT(size_bits); v += PAGE_SIZE_4K) {
        struct vs_page *p = page_entry(data, v, false);
        if (p) {
            p->cap = 0;
            p->cookie = 0;
        }
    }
}

/* Can num_pages of size_bits go at vaddr in reservation r? */
static bool check_in_reservation(sel4utils_alloc_data_t *data, sel4utils_res_t *r, uintptr_t vaddr,
                                 size_t num_pages, size_t size_bits)
{
    uintptr_t end = vaddr + num_pages * BIT(size_bits);
    if (r == NULL) {
        ZF_LOGE("No reservation given");
        return false;
    }
    if (size_bits != seL4_PageBits && size_bits != seL4_LargePageBits) {
        ZF_LOGE("Pages of %zu bits are not supported", size_bits);
        return false;
    }
    if (vaddr % BIT(size_bits) != 0) {
        ZF_LOGE("%p is not aligned to the page size", (void *)vaddr);
        return false;
    }
    if (vaddr < r->start || end > r->end || end < vaddr) {
        ZF_LOGE("[%p, %p) is not inside the reservation [%p, %p)", (void *)vaddr, (void *)end,
                (void *)r->start, (void *)r->end);
        return false;
    }
    if (first_mapped(data, vaddr, end) != end) {
        ZF_LOGE("Something is already mapped in [%p, %p)", (void *)vaddr, (void *)end);
        return false;
    }
    return true;
}

static void free_frame(vka_t *vka, seL4_CPtr cap, uintptr_t cookie, size_t size_bits)
{
    vka_object_t object = {
        .cptr = cap, .ut = cookie, .type = kobject_get_type(KOBJECT_FRAME, size_bits), .size_bits = size_bits,
    };
    vka_free_object(vka, &object);
}

static void unmap_pages(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits, vka_t *free_vka)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    vka_t *vka = free_vka == VSPACE_FREE ? data->vka : free_vka;
    for (size_t i = 0; i < num_pages; i++) {
        uintptr_t v = (uintptr_t)vaddr + i * BIT(size_bits);
        struct vs_page *p = page_entry(data, v, false);
        if (p == NULL || p->cap == 0) {
            ZF_LOGW("Nothing mapped at %p", (void *)v);
            continue;
        }
        seL4_CPtr cap = p->cap;
        uintptr_t cookie = p->cookie;
        int error = seL4_ARCH_Page_Unmap(cap);
        if (error) {
            ZF_LOGE("Unmapping %p failed: %d", (void *)v, error);
        }
        clear_page(data, v, size_bits);
        if (vka != VSPACE_PRESERVE && cookie != 0) {
            free_frame(vka, cap, cookie, size_bits);
        }
    }
}

static int map_pages_at_vaddr(vspace_t *vspace, seL4_CPtr caps[], uintptr_t cookies[], void *vaddr,
                              size_t num_pages, size_t size_bits, reservation_t reservation)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    sel4utils_res_t *r = reservation_to_res(reservation);
    if (!check_in_reservation(data, r, (uintptr_t)vaddr, num_pages, size_bits)) {
        return -1;
    }
    for (size_t i = 0; i < num_pages; i++) {
        uintptr_t v = (uintptr_t)vaddr + i * BIT(size_bits);
        int error = data->map_page(vspace, caps[i], (void *)v, r->rights, r->cacheable, size_bits);
        if (error == 0) {
            error = record_page(data, v, size_bits, caps[i], cookies ? cookies[i] : 0);
        }
        if (error) {
            ZF_LOGE("Mapping page %zu at %p failed: %d", i, (void *)v, error);
            if (i > 0) {
                unmap_pages(vspace, vaddr, i, size_bits, VSPACE_PRESERVE);
            }
            return -1;
        }
    }
    return 0;
}

static int new_pages_at_vaddr(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits,
                              reservation_t reservation, bool can_use_dev)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    sel4utils_res_t *r = reservation_to_res(reservation);
    if (!check_in_reservation(data, r, (uintptr_t)vaddr, num_pages, size_bits)) {
        return -1;
    }
    for (size_t i = 0; i < num_pages; i++) {
        uintptr_t v = (uintptr_t)vaddr + i * BIT(size_bits);
        vka_object_t frame;
        int error = vka_alloc_frame_maybe_device(data->vka, size_bits, can_use_dev, &frame);
        if (error == 0) {
            error = data->map_page(vspace, frame.cptr, (void *)v, r->rights, r->cacheable, size_bits);
            if (error == 0) {
                error = record_page(data, v, size_bits, frame.cptr, frame.ut);
            }
            if (error) {
                vka_free_object(data->vka, &frame);
            }
        }
        if (error) {
            ZF_LOGE("New page %zu at %p failed: %d", i, (void *)v, error);
            if (i > 0) {
                unmap_pages(vspace, vaddr, i, size_bits, VSPACE_FREE);
            }
            return -1;
        }
    }
    return 0;
}

static seL4_CPtr get_cap(vspace_t *vspace, void *vaddr)
{
    struct vs_page *p = page_entry(get_data(vspace), (uintptr_t)vaddr, false);
    return p ? p->cap : seL4_CapNull;
}

static uintptr_t get_cookie(vspace_t *vspace, void *vaddr)
{
    struct vs_page *p = page_entry(get_data(vspace), (uintptr_t)vaddr, false);
    return p ? p->cookie : 0;
}

static seL4_CPtr get_root(vspace_t *vspace)
{
    return get_data(vspace)->vspace_root;
}

static int share_mem_at_vaddr(vspace_t *from, vspace_t *to, void *start, int num_pages, size_t size_bits,
                              void *vaddr, reservation_t res)
{
    sel4utils_alloc_data_t *to_data = get_data(to);
    sel4utils_res_t *r = reservation_to_res(res);
    if (!check_in_reservation(to_data, r, (uintptr_t)vaddr, (size_t)num_pages, size_bits)) {
        return -1;
    }
    for (int i = 0; i < num_pages; i++) {
        uintptr_t src = (uintptr_t)start + (uintptr_t)i * BIT(size_bits);
        uintptr_t dst = (uintptr_t)vaddr + (uintptr_t)i * BIT(size_bits);
        cspacepath_t from_path, copy;
        seL4_CPtr cap = get_cap(from, (void *)src);
        int error = cap == seL4_CapNull ? -1 : vka_cspace_alloc_path(to_data->vka, &copy);
        if (error == 0) {
            vka_cspace_make_path(to_data->vka, cap, &from_path);
            error = vka_cnode_copy(&copy, &from_path, seL4_AllRights);
            if (error == 0) {
                error = to_data->map_page(to, copy.capPtr, (void *)dst, r->rights, r->cacheable, size_bits);
                if (error == 0) {
                    error = record_page(to_data, dst, size_bits, copy.capPtr, 0);
                }
                if (error) {
                    vka_cnode_delete(&copy);
                }
            }
            if (error) {
                vka_cspace_free(to_data->vka, copy.capPtr);
            }
        }
        if (error) {
            ZF_LOGE("Sharing the page at %p failed", (void *)src);
            if (i > 0) {
                unmap_pages(to, vaddr, (size_t)i, size_bits, VSPACE_PRESERVE);
            }
            return -1;
        }
    }
    return 0;
}

static void free_table(struct sel4utils_vspace_node *node, int level)
{
    if (node == NULL) {
        return;
    }
    for (size_t i = 0; i < LEVEL_SIZE; i++) {
        if (level > 1) {
            free_table(node->next[i], level - 1);
        } else {
            free(node->next[i]);
        }
    }
    free(node);
}

static void tear_down(vspace_t *vspace, vka_t *free_vka)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    /* Every mapped page (large pages show up as runs of the same cap). */
    uintptr_t v = 0;
    while ((v = first_mapped(data, v, USER_TOP)) != USER_TOP) {
        struct vs_page *p = page_entry(data, v, false);
        size_t size_bits = seL4_PageBits;
        struct vs_page *next = page_entry(data, v + PAGE_SIZE_4K, false);
        if (v % BIT(seL4_LargePageBits) == 0 && next != NULL && next->cap == p->cap) {
            size_bits = seL4_LargePageBits;
        }
        unmap_pages(vspace, (void *)v, 1, size_bits, free_vka);
        v += BIT(size_bits);
    }
    while (data->reservation_head) {
        sel4utils_res_t *r = data->reservation_head;
        data->reservation_head = r->next;
        if (r->malloced) {
            free(r);
        }
    }
    while (data->objects) {
        struct sel4utils_vspace_object *o = data->objects;
        data->objects = o->next;
        vka_free_object(data->vka, &o->object);
        free(o);
    }
    free_table(data->top_level, 3);
    data->top_level = NULL;
}

/* ------------------------------------------------------------ creation */

static int common_init(vspace_t *vspace, sel4utils_alloc_data_t *data, vka_t *vka, seL4_CPtr vspace_root,
                       vspace_allocated_object_fn allocated_object_fn, void *cookie,
                       sel4utils_map_page_fn map_page)
{
    if (vspace == NULL || data == NULL || vka == NULL) {
        ZF_LOGE("vspace, data and vka are all needed");
        return -1;
    }
    memset(data, 0, sizeof(*data));
    data->vspace_root = vspace_root;
    data->vka = vka;
    data->last_allocated = SEARCH_START;
    data->map_page = map_page ? map_page : default_map_page;
    data->is_empty = true;

    memset(vspace, 0, sizeof(*vspace));
    vspace->data = data;
    vspace->new_pages_at_vaddr = new_pages_at_vaddr;
    vspace->map_pages_at_vaddr = map_pages_at_vaddr;
    vspace->unmap_pages = unmap_pages;
    vspace->tear_down = tear_down;
    vspace->reserve_range_aligned = reserve_range_aligned;
    vspace->reserve_range_at = reserve_range_at;
    vspace->free_reservation = free_reservation;
    vspace->free_reservation_by_vaddr = free_reservation_by_vaddr;
    vspace->get_cap = get_cap;
    vspace->get_root = get_root;
    vspace->get_cookie = get_cookie;
    vspace->share_mem_at_vaddr = share_mem_at_vaddr;
    vspace->allocated_object = allocated_object_fn;
    vspace->allocated_object_cookie = cookie;
    return 0;
}

/* Reserve [start, end) for good (rights: all, cached). */
static int reserve_fixed(vspace_t *vspace, uintptr_t start, uintptr_t end)
{
    reservation_t r = reserve_range_at(vspace, (void *)start, end - start, seL4_AllRights, 1);
    get_data(vspace)->is_empty = false;
    return r.res == NULL ? -1 : 0;
}

int sel4utils_get_vspace_with_map(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data,
                                  vka_t *vka, seL4_CPtr vspace_root,
                                  vspace_allocated_object_fn allocated_object_fn, void *allocated_object_cookie,
                                  sel4utils_map_page_fn map_page)
{
    (void)loader;
    if (common_init(new_vspace, data, vka, vspace_root, allocated_object_fn, allocated_object_cookie,
                    map_page) != 0) {
        return -1;
    }
    /* Nothing is ever mapped at page 0, so that NULL faults. */
    return reserve_fixed(new_vspace, 0, PAGE_SIZE_4K);
}

int sel4utils_get_vspace(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                         seL4_CPtr vspace_root, vspace_allocated_object_fn allocated_object_fn,
                         void *allocated_object_cookie)
{
    return sel4utils_get_vspace_with_map(loader, new_vspace, data, vka, vspace_root, allocated_object_fn,
                                         allocated_object_cookie, NULL);
}

int sel4utils_get_empty_vspace(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                               seL4_CPtr vspace_root, vspace_allocated_object_fn allocated_object_fn,
                               void *allocated_object_cookie)
{
    (void)loader;
    return common_init(new_vspace, data, vka, vspace_root, allocated_object_fn, allocated_object_cookie, NULL);
}

int sel4utils_get_vspace_leaky(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                               seL4_CPtr vspace_root)
{
    return sel4utils_get_vspace(loader, new_vspace, data, vka, vspace_root, NULL, NULL);
}

/* The root task's image, from the linker script. */
extern char __executable_start[];
extern char _end[];

static int reserve_image(vspace_t *vspace)
{
    uintptr_t start = ROUND_DOWN((uintptr_t)__executable_start, PAGE_SIZE_4K);
    uintptr_t end = ROUND_UP((uintptr_t)_end, PAGE_SIZE_4K);
    return reserve_fixed(vspace, 0, PAGE_SIZE_4K) || reserve_fixed(vspace, start, end);
}

int sel4utils_bootstrap_vspace(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root, vka_t *vka,
                               vspace_allocated_object_fn allocated_object_fn, void *allocated_object_cookie,
                               void *existing_frames[])
{
    if (common_init(vspace, data, vka, vspace_root, allocated_object_fn, allocated_object_cookie, NULL) != 0 ||
        reserve_image(vspace) != 0) {
        return -1;
    }
    for (int i = 0; existing_frames && existing_frames[i] != NULL; i++) {
        uintptr_t page = ROUND_DOWN((uintptr_t)existing_frames[i], PAGE_SIZE_4K);
        if (overlapping_reservation(data, page, page + PAGE_SIZE_4K) == NULL &&
            reserve_fixed(vspace, page, page + PAGE_SIZE_4K) != 0) {
            return -1;
        }
    }
    return 0;
}

int sel4utils_bootstrap_vspace_leaky(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root,
                                     vka_t *vka, void *existing_frames[])
{
    return sel4utils_bootstrap_vspace(vspace, data, vspace_root, vka, NULL, NULL, existing_frames);
}

/* Reserve the pages at vaddr.. and record caps first_cap.. for them (cookie 0: not ours). */
static int adopt_frames(vspace_t *vspace, uintptr_t vaddr, seL4_CPtr first_cap, seL4_Word count)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    uintptr_t end = vaddr + count * PAGE_SIZE_4K;
    if (count == 0) {
        return 0;
    }
    if (overlapping_reservation(data, vaddr, end) == NULL && reserve_fixed(vspace, vaddr, end) != 0) {
        return -1;
    }
    for (seL4_Word i = 0; i < count; i++) {
        if (record_page(data, vaddr + i * PAGE_SIZE_4K, seL4_PageBits, first_cap + i, 0) != 0) {
            return -1;
        }
    }
    return 0;
}

int sel4utils_bootstrap_vspace_with_bootinfo(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root,
                                             vka_t *vka, vspace_allocated_object_fn allocated_object_fn,
                                             void *allocated_object_cookie, seL4_BootInfo *info)
{
    if (info == NULL ||
        common_init(vspace, data, vka, vspace_root, allocated_object_fn, allocated_object_cookie, NULL) != 0 ||
        reserve_image(vspace) != 0) {
        return -1;
    }
    /* The image's frames, mapped from its first page on in order. */
    uintptr_t image = ROUND_DOWN((uintptr_t)__executable_start, PAGE_SIZE_4K);
    seL4_Word frames = info->userImageFrames.end - info->userImageFrames.start;
    if (adopt_frames(vspace, image, info->userImageFrames.start, frames) != 0 ||
        adopt_frames(vspace, (uintptr_t)info->ipcBuffer, seL4_CapInitThreadIPCBuffer, 1) != 0 ||
        adopt_frames(vspace, (uintptr_t)info, seL4_CapBootInfoFrame, 1) != 0) {
        return -1;
    }
    /* The extra boot info pages follow the boot info frame. */
    seL4_Word extra = info->extraBIPages.end - info->extraBIPages.start;
    return adopt_frames(vspace, (uintptr_t)info + PAGE_SIZE_4K, info->extraBIPages.start, extra);
}

int sel4utils_bootstrap_vspace_with_bootinfo_leaky(vspace_t *vspace, sel4utils_alloc_data_t *data,
                                                   seL4_CPtr vspace_root, vka_t *vka, seL4_BootInfo *info)
{
    return sel4utils_bootstrap_vspace_with_bootinfo(vspace, data, vspace_root, vka, NULL, NULL, info);
}

uintptr_t sel4utils_get_paddr(vspace_t *vspace, void *vaddr, seL4_Word type, seL4_Word size_bits)
{
    sel4utils_alloc_data_t *data = get_data(vspace);
    uintptr_t offset = (uintptr_t)vaddr & MASK(size_bits);
    uintptr_t cookie = get_cookie(vspace, vaddr);
    if (cookie != 0) {
        uintptr_t paddr = vka_utspace_paddr(data->vka, cookie, type, size_bits);
        return paddr == VKA_NO_PADDR ? VKA_NO_PADDR : paddr + offset;
    }
    seL4_CPtr cap = get_cap(vspace, vaddr);
    if (cap == seL4_CapNull) {
        return VKA_NO_PADDR;
    }
    seL4_X86_Page_GetAddress_t addr = seL4_X86_Page_GetAddress(cap);
    return addr.error ? VKA_NO_PADDR : addr.paddr + offset;
}
