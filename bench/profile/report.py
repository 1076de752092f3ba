#!/usr/bin/env python3
"""Per-operation instruction profile of the keel IPC benchmark.

  bench/profile/report.py PROFILE BENCH_LOG KERNEL_ELF BENCH_ELF [--functions N]

PROFILE is the output of bench/profile/insn-plugin.so (windows around each
row's measured sample loop), BENCH_LOG the console log of the same run (for
the sample counts and medians). Prints, per row, the instructions per sample
in the window (the sample loop: bracket + operation + loop bookkeeping), the
user/kernel split, the count of each instruction whose real cost an
instruction count hides, and the functions the instructions were spent in.
"""
import bisect
import re
import subprocess
import sys
from collections import defaultdict

ROWS = ["rt_same_nofpu", "rt_same_fpu", "rt_cross_nofpu", "rt_cross_fpu", "call_half", "reply_half",
        "rt_generic", "rt_5word", "ntfn_pingpong", "yield", "null_syscall", "fault_rt", "map_page"]
WINDOW_NAME = {i: n for i, n in enumerate(ROWS)}
WINDOW_NAME[4] = "call_half+reply_half (one round trip)"

# Instructions whose cost an instruction count hides, by disassembly.
SPECIAL = [
    ("syscall", r"^syscall\b"),
    ("sysretq", r"^sysret"),
    ("iretq", r"^iret"),
    ("mov to cr3", r"^mov\w*\s+%\w+,\s*%cr3"),
    ("mov to cr0", r"^mov\w*\s+%\w+,\s*%cr0"),
    ("mov from cr", r"^mov\w*\s+%cr\d,"),
    ("clts", r"^clts"),
    ("wrmsr", r"^wrmsr"),
    ("rdmsr", r"^rdmsr"),
    ("fxsave", r"^fxsave"),
    ("fxrstor", r"^fxrstor"),
    ("xsave*", r"^xsave"),
    ("xrstor*", r"^xrstor"),
    ("wrfsbase/wrgsbase", r"^wr[fg]sbase"),
    ("swapgs", r"^swapgs"),
    ("invlpg", r"^invlpg"),
    ("lfence", r"^lfence"),
    ("rdtsc/rdtscp", r"^rdtscp?\b"),
    ("ud2", r"^ud2"),
    ("SSE (pxor)", r"^pxor"),
    ("in/out", r"^(in|out)[bwl]?\s"),
]
SPECIAL_RE = [(n, re.compile(p)) for n, p in SPECIAL]


def symbols(elf):
    out = subprocess.run(["nm", "-n", "--defined-only", elf], capture_output=True, text=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].lower() in "tw":
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


def main():
    args = sys.argv[1:]
    nfun = 12
    if "--functions" in args:
        i = args.index("--functions")
        nfun = int(args[i + 1])
        del args[i:i + 2]
    prof, log, kelf, uelf = args
    ksyms, usyms = symbols(kelf), symbols(uelf)

    def sym(a):
        addrs, names = ksyms if a >= 0xffff800000000000 else usyms
        i = bisect.bisect_right(addrs, a) - 1
        return names[i] if i >= 0 else hex(a)

    results = {}
    for line in open(log, errors="replace"):
        m = re.match(r"RESULT (\S+) n=(\d+) min=\d+ median=(\d+)", line)
        if m:
            results[m.group(1)] = (int(m.group(2)), int(m.group(3)))

    windows = []
    cur = None
    for line in open(prof, errors="replace"):
        if line.startswith("WINDOW "):
            _, wid, total = line.split()
            cur = {"id": int(wid), "total": int(total), "insns": defaultdict(int), "disas": {}}
            windows.append(cur)
        elif line.startswith("I ") and cur is not None:
            _, a, c, *d = line.rstrip("\n").split(" ", 3)
            a = int(a, 16)
            cur["insns"][a] += int(c)
            cur["disas"][a] = d[0].strip() if d else ""

    summary = []
    for w in windows:
        name = WINDOW_NAME.get(w["id"], f"window {w['id']}")
        row = ROWS[w["id"]] if w["id"] < len(ROWS) else None
        n, median = results.get(row, (None, None))
        if not n:
            continue
        user = sum(c for a, c in w["insns"].items() if a < 0xffff800000000000)
        kern = w["total"] - user
        spec = defaultdict(int)
        for a, c in w["insns"].items():
            for sname, rx in SPECIAL_RE:
                if rx.search(w["disas"][a]):
                    spec[sname] += c
                    break
        funcs = defaultdict(int)
        for a, c in w["insns"].items():
            funcs[sym(a)] += c
        print(f"== {name}: {w['total'] / n:.1f} instructions per sample in the window "
              f"(user {user / n:.1f}, kernel {kern / n:.1f}); median in the bracket {median}")
        print("   hidden-cost instructions per sample: " +
              ", ".join(f"{s} {spec[s] / n:.2f}" for s, _ in SPECIAL if spec[s] / n >= 0.005))
        top = [kv for kv in sorted(funcs.items(), key=lambda kv: -kv[1]) if kv[1] / n >= 0.5][:nfun]
        print("   by function (instructions per sample): " +
              ", ".join(f"{f} {c / n:.1f}" for f, c in top))
        summary.append((name.split()[0], spec, n))

    print()
    cols = [s for s, _ in SPECIAL if any(sp[s] / n >= 0.005 for _, sp, n in summary)]
    print("SPECIAL " + f"{'row':<22}" + "".join(f"{c[:11]:>12}" for c in cols))
    for name, sp, n in summary:
        print("SPECIAL " + f"{name:<22}" + "".join(f"{sp[c] / n:>12.2f}" for c in cols))


if __name__ == "__main__":
    main()
