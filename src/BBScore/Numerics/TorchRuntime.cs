using TorchSharp;

namespace BBScore.Numerics;

/// <summary>The single entry point to the tensor engine: loads libtorch once, sets the thread
/// count, and reports a clear error when the native library cannot load.</summary>
public static class TorchRuntime
{
    static readonly object Gate = new();
    static bool _ready;

    /// <summary>Loads TorchSharp's native libraries (idempotent). Throws with the fix when that fails.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_ready) return;
            try
            {
                EnableTransparentHugePages();
                RequestReproducibleMkl();
                Blas.OpenBlasLibrary.Initialize(); // before libtorch: it sets thread-pool variables both libraries read at load
                torch.InitializeDeviceType(DeviceType.CPU);
                torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidOperationException(
                    "TorchSharp's native library could not be loaded. If 'ldd libLibTorchSharp.so' in the output folder reports " +
                    "GLIBCXX_3.4.32 not found, rebuild with 'dotnet build' (the build marks that version need weak); " +
                    "never copy libLibTorchSharp.so from the NuGet cache by hand. Inner error: " + e.Message, e);
            }
            _ready = true;
        }
    }

    /// <summary>libtorch reads THP_MEM_ALLOC_ENABLE when it first allocates: with it, large CPU tensors
    /// are backed by transparent huge pages, which made fresh allocations about 12× faster on the
    /// project's machines (page faults dominated large temporaries). It must be set in the native
    /// environment (setenv): .NET's Environment.SetEnvironmentVariable does not reach native code.
    /// A user's own setting wins.</summary>
    static void EnableTransparentHugePages()
    {
        if (OperatingSystem.IsLinux()) NativeEnvironment.SetDefault("THP_MEM_ALLOC_ENABLE", "1");
    }

    /// <summary>libtorch's products go to Intel oneMKL, whose optimised code paths may round differently
    /// depending on where an operand happens to sit in memory; this project passes managed arrays to it without
    /// copying, and their addresses change from run to run. MKL_CBWR=AUTO,STRICT (conditional numerical
    /// reproducibility, strict mode) keeps the fastest path for the processor but makes its BLAS results
    /// independent of alignment, so a rerun gives the same bits. It is read once, when MKL first runs.
    /// A user's own setting wins.</summary>
    static void RequestReproducibleMkl() => NativeEnvironment.SetDefault("MKL_CBWR", "AUTO,STRICT");

    /// <summary>Version string of the libtorch in use, for `bbscore check`.</summary>
    public static string Describe()
    {
        EnsureLoaded();
        return $"TorchSharp {typeof(torch).Assembly.GetName().Version}, {torch.get_num_threads()} threads";
    }
}
