/* sel4utils: mapping frames, with the paging structures they need. */
#include <string.h>
#include <utils/util.h>
#include <vka/capops.h>
#include <vspace/arch/page.h>
#include <sel4utils/mapping.h>

/*
 * Map the paging structure that was missing at vaddr (FailedLookup of a
 * map, with MR2 = the bits left unresolved: 21 no PT, 30 no PD, 39 no PDPT).
 */
static int map_missing_level(vka_t *vka, seL4_CPtr root, seL4_Word vaddr, seL4_Word attr, vka_object_t *obj)
{
    int error;
    switch (seL4_MappingFailedLookupLevel()) {
    case SEL4_MAPPING_LOOKUP_NO_PT:
        error = vka_alloc_page_table(vka, obj);
        if (error == 0) {
            error = seL4_X86_PageTable_Map(obj->cptr, root, vaddr, attr);
        }
        break;
    case SEL4_MAPPING_LOOKUP_NO_PD:
        error = vka_alloc_page_directory(vka, obj);
        if (error == 0) {
            error = seL4_X86_PageDirectory_Map(obj->cptr, root, vaddr, attr);
        }
        break;
    case SEL4_MAPPING_LOOKUP_NO_PDPT:
        error = vka_alloc_pdpt(vka, obj);
        if (error == 0) {
            error = seL4_X86_PDPT_Map(obj->cptr, root, vaddr, attr);
        }
        break;
    default:
        ZF_LOGE("Map failed at an unexpected level (%lu bits left)", (unsigned long)seL4_MappingFailedLookupLevel());
        return -1;
    }
    if (error != 0 && obj->cptr != 0) {
        vka_free_object(vka, obj);
        memset(obj, 0, sizeof(*obj));
    }
    return error;
}

int sel4utils_map_page(vka_t *vka, seL4_CPtr vspace_root, seL4_CPtr frame, void *vaddr,
                       seL4_CapRights_t rights, int cacheable, vka_object_t *objects, int *num_objects)
{
    seL4_Word attr = cacheable ? seL4_ARCH_Default_VMAttributes : seL4_ARCH_Uncached_VMAttributes;
    int max = num_objects ? *num_objects : 0;
    int made = 0;
    int error;

    /* At most three structures can be missing (PDPT, PD, PT), so at most four tries. */
    for (;;) {
        error = seL4_ARCH_Page_Map(frame, vspace_root, (seL4_Word)vaddr, rights, attr);
        if (error != seL4_FailedLookup) {
            break;
        }
        if (vka == NULL || made >= max || made == 3) {
            ZF_LOGE("Mapping %p needs a paging structure and none can be recorded", vaddr);
            error = -1;
            break;
        }
        vka_object_t obj = { 0 };
        error = map_missing_level(vka, vspace_root, (seL4_Word)vaddr, attr, &obj);
        if (error != 0) {
            break;
        }
        objects[made++] = obj;
    }
    if (num_objects) {
        *num_objects = made;
    }
    return error;
}

void *sel4utils_dup_and_map(vka_t *vka, vspace_t *vspace, seL4_CPtr page, size_t size_bits)
{
    cspacepath_t src, dest;
    if (vka_cspace_alloc_path(vka, &dest) != 0) {
        ZF_LOGE("Failed to allocate a slot");
        return NULL;
    }
    vka_cspace_make_path(vka, page, &src);
    if (vka_cnode_copy(&dest, &src, seL4_AllRights) != seL4_NoError) {
        ZF_LOGE("Failed to copy the frame cap");
        vka_cspace_free(vka, dest.capPtr);
        return NULL;
    }
    void *mapping = vspace_map_pages(vspace, &dest.capPtr, NULL, seL4_AllRights, 1, size_bits, 1);
    if (mapping == NULL) {
        vka_cnode_delete(&dest);
        vka_cspace_free(vka, dest.capPtr);
    }
    return mapping;
}

void sel4utils_unmap_dup(vka_t *vka, vspace_t *vspace, void *mapping, size_t size_bits)
{
    cspacepath_t path;
    seL4_CPtr cap = vspace_get_cap(vspace, mapping);
    /* vspace_map_pages kept no reservation: unmapping frees the addresses. */
    vspace_unmap_pages(vspace, mapping, 1, size_bits, VSPACE_PRESERVE);
    vka_cspace_make_path(vka, cap, &path);
    vka_cnode_delete(&path);
    vka_cspace_free(vka, cap);
}
