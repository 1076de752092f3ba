/* The boot information frame the kernel gives the root task (pointer in
 * RDI at entry, cap in slot seL4_CapBootInfoFrame), and the fixed slots of
 * the root task's CNode. Layout for x86_64, non-MCS, 230 untyped entries:
 * 3848 bytes (offsets noted per field). */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/types.h>
#include <sel4/sel4_arch/constants.h>

/* Caps with fixed slot positions in the root CNode. */
enum seL4_RootCNodeCapSlots {
    seL4_CapNull                =  0, /* null cap */
    seL4_CapInitThreadTCB       =  1, /* initial thread's TCB cap */
    seL4_CapInitThreadCNode     =  2, /* initial thread's root CNode cap */
    seL4_CapInitThreadVSpace    =  3, /* initial thread's VSpace (PML4) cap */
    seL4_CapIRQControl          =  4, /* global IRQ controller cap */
    seL4_CapASIDControl         =  5, /* global ASID controller cap */
    seL4_CapInitThreadASIDPool  =  6, /* initial thread's ASID pool cap */
    seL4_CapIOPortControl       =  7, /* global IO port control cap */
    seL4_CapIOSpace             =  8, /* global IO space cap (null: no IOMMU) */
    seL4_CapBootInfoFrame       =  9, /* bootinfo frame cap */
    seL4_CapInitThreadIPCBuffer = 10, /* initial thread's IPC buffer frame cap */
    seL4_CapDomain              = 11, /* global domain controller cap */
    seL4_CapSMMUSIDControl      = 12, /* null on x86 */
    seL4_CapSMMUCBControl       = 13, /* null on x86 */
    seL4_CapInitThreadSC        = 14, /* null: non-MCS */
    seL4_CapSMC                 = 15, /* null on x86 */
    seL4_NumInitialCaps         = 16
};

/* Older code calls the VSpace root a page directory. */
#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace

typedef seL4_Word seL4_SlotPos;

typedef struct seL4_SlotRegion {
    seL4_SlotPos start; /* first CNode slot position OF region */
    seL4_SlotPos end;   /* first CNode slot position AFTER region */
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word  paddr;    /* @0 physical address of the untyped */
    seL4_Uint8 sizeBits; /* @8 size is 2^sizeBits bytes */
    seL4_Uint8 isDevice; /* @9 device memory (only frames and untypeds) */
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

SEL4_COMPILE_ASSERT(invalid_seL4_UntypedDesc, sizeof(seL4_UntypedDesc) == 2 * sizeof(seL4_Word))

typedef struct seL4_BootInfo {
    seL4_Word         extraLen;         /* @0 bytes of extra boot info after this frame */
    seL4_NodeId       nodeID;           /* @8 this node (0: one core) */
    seL4_Word         numNodes;         /* @16 */
    seL4_Word         numIOPTLevels;    /* @24 IOMMU levels (-1 or 0: none) */
    seL4_IPCBuffer   *ipcBuffer;        /* @32 root thread's IPC buffer */
    seL4_SlotRegion   empty;            /* @40 empty slots */
    seL4_SlotRegion   sharedFrames;     /* @56 */
    seL4_SlotRegion   userImageFrames;  /* @72 frames of the root task's image */
    seL4_SlotRegion   userImagePaging;  /* @88 its PDPT, PD, PT caps */
    seL4_SlotRegion   ioSpaceCaps;      /* @104 */
    seL4_SlotRegion   extraBIPages;     /* @120 frames of the extra boot info */
    seL4_Word         initThreadCNodeSizeBits; /* @136 root CNode has 2^n slots */
    seL4_Domain       initThreadDomain; /* @144 */
    seL4_SlotRegion   untyped;          /* @152 untyped caps */
    seL4_UntypedDesc  untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS]; /* @168, one per untyped cap */
} seL4_BootInfo;

/* The boot info frame is one 4 KiB page. */
#define seL4_BootInfoFrameBits seL4_PageBits
#define seL4_BootInfoFrameSize LIBSEL4_BIT(seL4_BootInfoFrameBits)

SEL4_COMPILE_ASSERT(invalid_seL4_BootInfoFrameSize, sizeof(seL4_BootInfo) <= seL4_BootInfoFrameSize)

/* If extraLen > 0, chunks of extra boot info start at (char *)bi +
 * seL4_BootInfoFrameSize, each with this header (len includes it). */
typedef enum {
    SEL4_BOOTINFO_HEADER_PADDING         = 0,
    SEL4_BOOTINFO_HEADER_X86_VBE         = 1,
    SEL4_BOOTINFO_HEADER_X86_MBMMAP      = 2,
    SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP   = 3,
    SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER = 4,
    SEL4_BOOTINFO_HEADER_X86_TSC_FREQ    = 5, /* frequency in MHz */
    SEL4_BOOTINFO_HEADER_FDT             = 6,
    SEL4_BOOTINFO_HEADER_NUM,
    SEL4_FORCE_LONG_ENUM(seL4_BootInfoID)
} seL4_BootInfoID;

typedef struct seL4_BootInfoHeader {
    seL4_Word id;  /* seL4_BootInfoID of the chunk */
    seL4_Word len; /* length of the chunk, header included */
} seL4_BootInfoHeader;

SEL4_COMPILE_ASSERT(invalid_seL4_BootInfoHeader, sizeof(seL4_BootInfoHeader) == 2 * sizeof(seL4_Word))
