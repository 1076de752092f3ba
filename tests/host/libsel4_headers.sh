#!/bin/sh
# Every public libsel4 header compiles on its own, freestanding with the
# Makefile's user flags (-Wall -Wextra -Werror) and with the host compiler;
# a program that calls every syscall and invocation stub compiles at -O0
# and -O2. One PASS/FAIL line per check.
cd "$(dirname "$0")/../.." || exit 2
out=build/host/headers
mkdir -p "$out"
GCC_INC=$(gcc -print-file-name=include)
FREESTANDING="-std=gnu11 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
 -fno-asynchronous-unwind-tables -mtls-direct-seg-refs -ftls-model=local-exec \
 -nostdinc -Ilibsel4/include -isystem $GCC_INC"
status=0

check() {  # name, command...
    name=$1; shift
    if "$@" >"$out/log" 2>&1; then
        echo "PASS: $name"
    else
        echo "FAIL: $name: $(head -5 "$out/log" | tr '\n' ' ')"
        status=1
    fi
}

for h in $(cd libsel4/include && find . -name '*.h' | sed 's|^\./||' | sort); do
    case $h in interfaces/sel4_invocations.h) continue ;; esac
    printf '#include <%s>\n' "$h" >"$out/one.c"
    check "header $h stands alone (freestanding)" \
        gcc $FREESTANDING -O2 -Wall -Wextra -Werror -c "$out/one.c" -o "$out/one.o"
    check "header $h stands alone (host gcc)" \
        gcc -std=gnu11 -O2 -Wall -Wextra -Werror -Ilibsel4/include -c "$out/one.c" -o "$out/one.o"
done

cat >"$out/all.c" <<'EOC'
#include <sel4/sel4.h>
static seL4_UserContext regs;
#define ARG(p) ARG_ ## p
#define ARG_In(type, bits, name) , (type)1
#define ARG_Rights(name) , seL4_AllRights
#define ARG_Cap(type, name) , (type)42
#define ARG_RegsIn(name) , &regs
#define ARG_RegsOut(name) , &regs
#define ARG_NoArgs
#define KEEL_INVOCATION(iface, method, label, params) \
    void call_##iface##_##method(void); \
    void call_##iface##_##method(void) { (void)iface##_##method((iface)7 KEEL_MAP(ARG, KEEL_UNPAREN params)); }
#define KEEL_INVOCATION_RESULT(iface, method, label, params, outputs) \
    KEEL_INVOCATION(iface, method, label, params)
#include <interfaces/sel4_invocations.h>
void syscalls(void);
void syscalls(void)
{
    seL4_Word b, m = 0;
    seL4_MessageInfo_t i = seL4_MessageInfo_new(0, 0, 0, 1);
    seL4_Send(1, i); seL4_NBSend(1, i); seL4_SendWithMRs(1, i, &m, 0, 0, 0);
    seL4_NBSendWithMRs(1, i, &m, 0, 0, 0); seL4_Reply(i); seL4_ReplyWithMRs(i, &m, 0, 0, 0);
    seL4_Signal(1); i = seL4_Recv(1, &b); i = seL4_RecvWithMRs(1, &b, &m, 0, 0, 0);
    i = seL4_NBRecv(1, &b); seL4_Wait(1, &b); i = seL4_WaitWithMRs(1, &b, &m, 0, 0, 0);
    i = seL4_Poll(1, &b); i = seL4_Call(1, i); i = seL4_CallWithMRs(1, i, &m, 0, 0, 0);
    i = seL4_ReplyRecv(1, i, &b); i = seL4_ReplyRecvWithMRs(1, i, &b, &m, 0, 0, 0);
    seL4_Yield(); seL4_DebugPutChar('a'); seL4_DebugDumpScheduler(); seL4_DebugHalt();
    seL4_DebugSnapshot(); (void)seL4_DebugCapIdentify(1); seL4_DebugNameThread(1, "x");
    seL4_SetTLSBase(0); (void)seL4_getFault(i); (void)seL4_MappingFailedLookupLevel();
    keel_DebugExit(0, 0);
}
EOC
for opt in -O0 -O2; do
    check "every stub compiles, freestanding $opt -Wall -Wextra -Werror" \
        gcc $FREESTANDING $opt -Wall -Wextra -Werror -c "$out/all.c" -o "$out/all.o"
done
check "libsel4 has stubs need no symbol but __sel4_ipc_buffer" \
    sh -c "nm -u $out/all.o | grep -v -e ' __sel4_ipc_buffer\$' -e ' _GLOBAL_OFFSET_TABLE_\$' | grep . && exit 1 || exit 0"
exit $status
