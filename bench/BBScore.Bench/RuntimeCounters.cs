namespace BBScore.Bench;

/// <summary>What a timed region cost the process besides time: first-touch page faults (each costs microseconds
/// on a VM), managed allocation and garbage collection. Subtract two readings to get a region's share.</summary>
public readonly record struct RuntimeCounters(long MinorPageFaults, long AllocatedBytes, int Collections, TimeSpan GcPause)
{
    public static RuntimeCounters Read() => new(ReadMinorFaults(), GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0), GC.GetTotalPauseDuration());

    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before) => new(
        after.MinorPageFaults - before.MinorPageFaults, after.AllocatedBytes - before.AllocatedBytes,
        after.Collections - before.Collections, after.GcPause - before.GcPause);

    /// <summary>Field 10 of /proc/self/stat (minflt); -1 where there is no procfs. The command name (field 2) is
    /// parenthesised and may hold spaces, so fields are counted after its closing parenthesis.</summary>
    static long ReadMinorFaults()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7]);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
