/* vspace: the operations built from a vspace_t's function pointers alone. */
#include <utils/util.h>
#include <vspace/vspace.h>

reservation_t vspace_reserve_range(vspace_t *vspace, size_t bytes, seL4_CapRights_t rights, int cacheable,
                                   void **vaddr)
{
    return vspace_reserve_range_aligned(vspace, bytes, seL4_PageBits, rights, cacheable, vaddr);
}

void *vspace_share_mem(vspace_t *from, vspace_t *to, void *start, int num_pages, size_t size_bits,
                       seL4_CapRights_t rights, int cacheable)
{
    void *vaddr = NULL;
    if (num_pages <= 0) {
        return NULL;
    }
    reservation_t res = vspace_reserve_range_aligned(to, (size_t)num_pages * BIT(size_bits), size_bits, rights,
                                                     cacheable, &vaddr);
    if (res.res == NULL) {
        ZF_LOGE("No room to share %d pages", num_pages);
        return NULL;
    }
    if (vspace_share_mem_at_vaddr(from, to, start, num_pages, size_bits, vaddr, res) != 0) {
        vaddr = NULL;
    }
    /* The mapped pages keep their addresses; the reservation is no longer needed. */
    vspace_free_reservation(to, res);
    return vaddr;
}

void *vspace_map_pages(vspace_t *vspace, seL4_CPtr caps[], uintptr_t cookies[], seL4_CapRights_t rights,
                       size_t num_pages, size_t size_bits, int cacheable)
{
    void *vaddr = NULL;
    reservation_t res = vspace_reserve_range_aligned(vspace, num_pages * BIT(size_bits), size_bits, rights,
                                                     cacheable, &vaddr);
    if (res.res == NULL) {
        ZF_LOGE("No room to map %zu pages", num_pages);
        return NULL;
    }
    if (vspace_map_pages_at_vaddr(vspace, caps, cookies, vaddr, num_pages, size_bits, res) != 0) {
        vaddr = NULL;
    }
    vspace_free_reservation(vspace, res);
    return vaddr;
}

void *vspace_new_pages_with_config(vspace_t *vspace, vspace_new_pages_config_t *config, seL4_CapRights_t rights)
{
    reservation_t res;
    void *vaddr = config->vaddr;
    size_t bytes = config->num_pages * BIT(config->size_bits);
    if (vaddr == NULL) {
        res = vspace_reserve_range_aligned(vspace, bytes, config->size_bits, rights, 1, &vaddr);
    } else {
        res = vspace_reserve_range_at(vspace, vaddr, bytes, rights, 1);
    }
    if (res.res == NULL) {
        ZF_LOGE("No room for %zu pages", config->num_pages);
        return NULL;
    }
    vspace_new_pages_config_t at = *config;
    at.vaddr = vaddr;
    if (vspace_new_pages_at_vaddr_with_config(vspace, &at, res) != 0) {
        vaddr = NULL;
    }
    vspace_free_reservation(vspace, res);
    return vaddr;
}

void *vspace_new_pages(vspace_t *vspace, seL4_CapRights_t rights, size_t num_pages, size_t size_bits)
{
    vspace_new_pages_config_t config;
    if (default_vspace_new_pages_config(num_pages, size_bits, &config) != 0) {
        return NULL;
    }
    return vspace_new_pages_with_config(vspace, &config, rights);
}

void *vspace_new_sized_stack(vspace_t *vspace, size_t n_pages)
{
    void *vaddr = NULL;
    if (n_pages == 0) {
        return NULL;
    }
    /* One more page than asked: the lowest stays unmapped to catch overflows. */
    reservation_t res = vspace_reserve_range(vspace, (n_pages + 1) * PAGE_SIZE_4K, seL4_AllRights, 1, &vaddr);
    if (res.res == NULL) {
        ZF_LOGE("No room for a stack of %zu pages", n_pages);
        return NULL;
    }
    uintptr_t bottom = (uintptr_t)vaddr + PAGE_SIZE_4K;
    if (vspace_new_pages_at_vaddr(vspace, (void *)bottom, n_pages, seL4_PageBits, res) != 0) {
        vspace_free_reservation(vspace, res);
        return NULL;
    }
    /* The reservation stays, keeping the guard page free of mappings. */
    return (void *)(bottom + n_pages * PAGE_SIZE_4K);
}

void vspace_free_sized_stack(vspace_t *vspace, void *stack_top, size_t n_pages)
{
    if (stack_top == NULL || n_pages == 0) {
        return;
    }
    uintptr_t bottom = (uintptr_t)stack_top - n_pages * PAGE_SIZE_4K;
    vspace_unmap_pages(vspace, (void *)bottom, n_pages, seL4_PageBits, VSPACE_FREE);
    vspace_free_reservation_by_vaddr(vspace, (void *)(bottom - PAGE_SIZE_4K));
}

void *vspace_new_ipc_buffer(vspace_t *vspace, seL4_CPtr *page)
{
    void *vaddr = vspace_new_pages(vspace, seL4_AllRights, 1, seL4_PageBits);
    if (vaddr == NULL) {
        return NULL;
    }
    *page = vspace_get_cap(vspace, vaddr);
    return vaddr;
}

void vspace_free_ipc_buffer(vspace_t *vspace, void *addr)
{
    vspace_unmap_pages(vspace, addr, 1, seL4_PageBits, VSPACE_FREE);
}
