using System.Diagnostics;

namespace BBScore.Tests.Reliability;

/// <summary>A small tmpfs mounted for one test (needs root or CAP_SYS_ADMIN: CI runs as root).</summary>
public sealed class TmpfsMount : IDisposable
{
    static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            using var probe = new TmpfsMount(1 << 20);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
    });

    /// <summary>Why no tmpfs can be mounted here, or null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public TmpfsMount(long bytes)
    {
        Path = Directory.CreateTempSubdirectory("bbscore-tmpfs-").FullName;
        string? error = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", Path);
        if (error is not null)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException($"cannot mount a tmpfs ({error.Trim()}); run the tests as root to include this one");
        }
    }

    public string Path { get; }

    static string? Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : error;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A fact that needs a tmpfs: skipped, with the reason, where none can be mounted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.WhyUnavailable is { } why) Skip = why;
    }
}
