using System.Diagnostics;

namespace BBScore.Bench;

/// <summary>Process peak resident memory, with a reset so that a workload can report the peak of the measured
/// phase alone (its inputs resident) rather than that of generating its synthetic data.</summary>
public static class PeakMemory
{
    /// <summary>Frees what the data generation left behind and resets the kernel's peak-RSS mark (Linux:
    /// writing 5 to /proc/self/clear_refs). Returns false where that is not possible (the peak then
    /// includes the generation).</summary>
    public static bool Reset()
    {
        // Aggressive: compacts and returns freed memory to the OS now, so the generator's garbage does not stay
        // resident and inflate the next peak.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Current resident memory.</summary>
    public static long CurrentMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024 * 1024);
    }

    public static long PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }
}
