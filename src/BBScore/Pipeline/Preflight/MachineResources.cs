using System.Globalization;

namespace BBScore.Pipeline.Preflight;

/// <summary>Memory and disk this process can use: MemAvailable from /proc/meminfo (else the GC's view), lowered
/// to the cgroup limit (/sys/fs/cgroup/memory.max) when that is smaller; <c>BBSCORE_MEMORY_LIMIT</c> (bytes, or with
/// a K/M/G/T suffix: 8G, 512M) replaces both, and <c>--memory-limit</c> replaces all three.</summary>
public sealed record MachineResources(long AvailableMemoryBytes, string MemorySource)
{
    public const string MemoryLimitVariable = "BBSCORE_MEMORY_LIMIT";

    /// <param name="memoryLimit"><c>--memory-limit</c> (e.g. 8G): the budget, before <c>BBSCORE_MEMORY_LIMIT</c> and detection.</param>
    public static MachineResources Detect(string? memoryLimit = null)
    {
        if (!string.IsNullOrWhiteSpace(memoryLimit))
            return new MachineResources(ParseBytes(memoryLimit, "--memory-limit"), $"--memory-limit {memoryLimit.Trim()}");
        string? overrideText = Environment.GetEnvironmentVariable(MemoryLimitVariable);
        if (!string.IsNullOrWhiteSpace(overrideText))
            return new MachineResources(ParseBytes(overrideText), $"{MemoryLimitVariable}={overrideText.Trim()}");
        long? available = ReadMemAvailable();
        string source = "MemAvailable (/proc/meminfo)";
        if (available is null)
        {
            available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            source = "available to this process (.NET GC)";
        }
        if (ReadCgroupLimit() is long limit && limit < available)
        {
            available = limit;
            source = "cgroup limit (/sys/fs/cgroup/memory.max)";
        }
        return new MachineResources(available.Value, source);
    }

    /// <summary>Free bytes on the disk holding <paramref name="directory"/> (the nearest existing ancestor).</summary>
    public static long FreeDiskBytes(string directory)
    {
        string? path = Path.GetFullPath(directory);
        while (path is not null && !Directory.Exists(path)) path = Path.GetDirectoryName(path);
        return new DriveInfo(path ?? Path.GetPathRoot(Environment.CurrentDirectory) ?? "/").AvailableFreeSpace;
    }

    /// <summary>"8G", "512M", "1.5GiB", "1000000": bytes (binary multiples).</summary>
    public static long ParseBytes(string text) => ParseBytes(text, MemoryLimitVariable);

    /// <summary>As <see cref="ParseBytes(string)"/>, naming <paramref name="source"/> (an option or variable) in the error.</summary>
    public static long ParseBytes(string text, string source)
    {
        string s = text.Trim().ToUpperInvariant();
        if (s.EndsWith('B')) s = s[..^1];
        if (s.EndsWith('I')) s = s[..^1];
        long multiplier = 1;
        if (s.Length > 0 && "KMGT".Contains(s[^1]))
        {
            multiplier = 1L << (10 * ("KMGT".IndexOf(s[^1]) + 1));
            s = s[..^1];
        }
        if (!double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || !double.IsFinite(value))
            throw new ArgumentException($"{source} must be a byte count, optionally with a K, M, G or T suffix (e.g. 8G, 512M); got '{text}'.");
        return (long)Math.Min(long.MaxValue, value * multiplier);
    }

    static long? ReadMemAvailable()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    static long? ReadCgroupLimit()
    {
        try
        {
            const string path = "/sys/fs/cgroup/memory.max";
            if (!File.Exists(path)) return null;
            string text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long limit) ? limit : null; // "max": none
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }
}
