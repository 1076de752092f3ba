/*
 * sel4emu: run a keel root-task ELF as a Linux process, standing in for the
 * kernel's debug system calls, so the C runtime and libc can be tested on
 * the host before (and without) QEMU.
 *
 *   sel4emu ELF BOOTINFO_ADDR [POKE_ADDR POKE_VALUE]
 *
 * The ELF is static and linked at 0x400000, which Linux loads as it is. The
 * tracer stops it at exec, puts BOOTINFO_ADDR (a seL4_BootInfo inside the
 * test program) in RDI as keel's kernel does, optionally stores the 32-bit
 * POKE_VALUE at POKE_ADDR, and then intercepts every `syscall` with
 * PTRACE_SYSEMU (Linux never executes them). seL4 passes the syscall number
 * in RDX:
 *   -9  DebugPutChar      byte in RDI to stdout
 *   -14 DebugNameThread   name read from the IPC buffer (msg[0]...) at the
 *                         address in the boot info; printed as "[name: X]"
 *   -30 SetTLSBase        FS base := RDI
 *   -40 keel_DebugExit    prints "[exit: reason R status S]" and exits with
 *                         status S if R is 0, 100 + R otherwise
 * Anything else, or a signal (a fault), ends the run with exit status 99.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void die(const char *what)
{
    fflush(stdout);
    fprintf(stderr, "sel4emu: %s\n", what);
    if (child > 0) {
        kill(child, SIGKILL);
    }
    exit(99);
}

static uint64_t peek(uint64_t addr)
{
    errno = 0;
    long v = ptrace(PTRACE_PEEKDATA, child, (void *)addr, 0);
    if (errno != 0) {
        die("cannot read the program's memory");
    }
    return (uint64_t)v;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 5) {
        fprintf(stderr, "usage: sel4emu ELF BOOTINFO_ADDR [POKE_ADDR POKE_VALUE]\n");
        return 2;
    }
    uint64_t bootinfo = strtoull(argv[2], NULL, 0);

    child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        char *const args[] = { argv[1], NULL };
        char *const env[] = { NULL };
        execve(argv[1], args, env);
        _exit(98);
    }
    int status;
    if (waitpid(child, &status, 0) < 0 || !WIFSTOPPED(status)) {
        die("the program did not start");
    }
    ptrace(PTRACE_SETOPTIONS, child, 0, (void *)PTRACE_O_EXITKILL);

    struct user_regs_struct regs;
    ptrace(PTRACE_GETREGS, child, 0, &regs);
    regs.rdi = bootinfo;
    regs.fs_base = 0;
    ptrace(PTRACE_SETREGS, child, 0, &regs);
    if (argc == 5) {
        uint64_t addr = strtoull(argv[3], NULL, 0);
        uint64_t word = peek(addr);
        word = (word & ~(uint64_t)0xffffffff) | (uint32_t)strtoul(argv[4], NULL, 0);
        if (ptrace(PTRACE_POKEDATA, child, (void *)addr, (void *)word) < 0) {
            die("cannot write the program's memory");
        }
    }

    for (;;) {
        if (ptrace(PTRACE_SYSEMU, child, 0, 0) < 0) {
            die("PTRACE_SYSEMU failed");
        }
        if (waitpid(child, &status, 0) < 0) {
            die("waitpid failed");
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            die("the program ended without keel_DebugExit");
        }
        int sig = WSTOPSIG(status);
        ptrace(PTRACE_GETREGS, child, 0, &regs);
        if (sig != SIGTRAP) {
            char msg[128];
            snprintf(msg, sizeof(msg), "fault: signal %d at rip 0x%llx rsp 0x%llx", sig,
                     (unsigned long long)regs.rip, (unsigned long long)regs.rsp);
            die(msg);
        }
        /* Linux has already put -ENOSYS in RAX; seL4 preserves it */
        regs.rax = regs.orig_rax;
        ptrace(PTRACE_SETREGS, child, 0, &regs);
        long number = (long)regs.rdx;
        switch (number) {
        case -9:
            putchar((int)(regs.rdi & 0xff));
            break;
        case -14: {
            uint64_t ipc = peek(bootinfo + 32);     /* seL4_BootInfo.ipcBuffer */
            char name[128];
            size_t n = 0;
            for (int w = 0; n < sizeof(name) - 1; w++) {
                uint64_t word = peek(ipc + 8 + 8 * (uint64_t)w);
                for (int b = 0; b < 8 && n < sizeof(name) - 1; b++) {
                    name[n] = (char)(word >> (8 * b));
                    if (name[n] == '\0') {
                        goto named;
                    }
                    n++;
                }
            }
named:
            name[n] = '\0';
            printf("[name: %s]\n", name);
            break;
        }
        case -30:
            regs.fs_base = regs.rdi;
            ptrace(PTRACE_SETREGS, child, 0, &regs);
            break;
        case -40:
            printf("[exit: reason %llu status %llu]\n", (unsigned long long)regs.rdi,
                   (unsigned long long)regs.rsi);
            fflush(stdout);
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            return regs.rdi == 0 ? (int)(regs.rsi & 0xff) : 100 + (int)regs.rdi;
        default: {
            char msg[128];
            snprintf(msg, sizeof(msg), "unknown seL4 syscall %ld at rip 0x%llx", number,
                     (unsigned long long)regs.rip);
            die(msg);
        }
        }
    }
}
