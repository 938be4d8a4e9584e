namespace BBScore.Data.Download;

/// <summary>Tunables of <see cref="Downloader"/>; the defaults suit real networks, tests shrink the delays.</summary>
public sealed record DownloadOptions
{
    /// <summary>Attempts per file on transient errors (5xx, 408, 429, timeouts, connection drops).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>An attempt fails when no byte arrives for this long (headers or body).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long to wait for another process that holds the lock on the same file.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Interval between attempts to take a busy lock.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Free space to keep on the disk on top of what the file needs.</summary>
    public long DiskMarginBytes { get; init; } = 256L << 20;

    /// <summary>Base address for relative URLs (tests, mirrors).</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Free bytes on the disk holding a folder; replaceable in tests.</summary>
    public Func<string, long> FreeBytes { get; init; } = dir => new DriveInfo(Path.GetFullPath(dir)).AvailableFreeSpace;
}
