/* sel4utils: names of seL4 error codes. */
#include <utils/util.h>
#include <sel4utils/strerror.h>

char const *sel4_errlist[] = {
    [seL4_NoError] = "seL4_NoError",
    [seL4_InvalidArgument] = "seL4_InvalidArgument",
    [seL4_InvalidCapability] = "seL4_InvalidCapability",
    [seL4_IllegalOperation] = "seL4_IllegalOperation",
    [seL4_RangeError] = "seL4_RangeError",
    [seL4_AlignmentError] = "seL4_AlignmentError",
    [seL4_FailedLookup] = "seL4_FailedLookup",
    [seL4_TruncatedMessage] = "seL4_TruncatedMessage",
    [seL4_DeleteFirst] = "seL4_DeleteFirst",
    [seL4_RevokeFirst] = "seL4_RevokeFirst",
    [seL4_NotEnoughMemory] = "seL4_NotEnoughMemory",
    [seL4_NumErrors] = NULL,
};

char const *sel4_strerror(int errcode)
{
    if (errcode < 0 || errcode >= seL4_NumErrors) {
        return "Unknown error";
    }
    return sel4_errlist[errcode];
}
