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

    [DllImport("libc", CharSet = CharSet.Ansi, SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);
}
