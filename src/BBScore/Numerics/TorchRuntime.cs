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

    /// <summary>Version string of the libtorch in use, for `bbscore check`.</summary>
    public static string Describe()
    {
        EnsureLoaded();
        return $"TorchSharp {typeof(torch).Assembly.GetName().Version}, {torch.get_num_threads()} threads";
    }
}
