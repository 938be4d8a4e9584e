using System.Runtime.InteropServices;

namespace BBScore.Numerics;

/// <summary>Environment variables for native libraries. .NET's Environment.SetEnvironmentVariable does not reach
/// native code's getenv on Linux, so settings that libtorch or OpenBLAS read at load time go through libc's setenv.</summary>
internal static class NativeEnvironment
{
    /// <summary>Sets the variable unless the user (or the process environment) already has it.</summary>
    public static void SetDefault(string name, string value)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(name) is not null) return;
        setenv(name, value, 0);
    }

    /// <summary>Returns the free memory at the top and inside glibc's heap to the system. libtorch's freed
    /// temporaries below glibc's (adaptive, up to 32 MB) mmap threshold stay in the heap, so the resident set
    /// of a multi-phase computation (an eigendecomposition's workspace, then per-chunk buffers) grows by what
    /// each phase left behind; trimming between phases keeps the peak at the largest phase (workload C, 2000
    /// targets: 933 → 7xx MiB). Lowering the mmap threshold instead would make every large temporary pay
    /// fresh page faults (measured 10–50% slower).</summary>
    public static void TrimHeap()
    {
        if (OperatingSystem.IsLinux()) malloc_trim(0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc")]
    static extern int malloc_trim(nuint pad);
}
