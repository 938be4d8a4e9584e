namespace BBScore.Data.Download;

/// <summary>Whether a failed download may try another host (NSD's Google Drive copy after GCS). A
/// mirror (<c>BBSCORE_DATA_URL</c>, <c>BBSCORE_GCS_URL</c>) means that host only, and
/// <c>BBSCORE_NO_FALLBACK=1</c> (or <c>--no-fallback</c>) forbids fallbacks everywhere: on a
/// cluster or behind a proxy, data must come from where the user said.</summary>
public static class FallbackPolicy
{
    public const string Variable = "BBSCORE_NO_FALLBACK";

    public static bool Disabled => GcsSource.Env(Variable) is { } value && value is not ("0" or "false" or "no");

    /// <summary>True when, after <paramref name="primary"/> failed, another host may be asked.</summary>
    public static bool Allows(GcsSource primary) => !Disabled && !primary.IsMirror;

    /// <summary>Why no fallback was tried, for the error message.</summary>
    public static string Reason(GcsSource primary) => primary.IsMirror
        ? $"the mirror {primary.BaseUrl} (from {GcsSource.BaseUrlVariable} / {GcsSource.EndpointVariable}) is the only host used"
        : $"fallbacks are off ({Variable}=1 or --no-fallback)";

    /// <summary>Sets <see cref="Variable"/> for the duration of one command (the <c>--no-fallback</c> flag).</summary>
    public static IDisposable Apply(bool noFallback)
    {
        if (!noFallback) return new Restore(null, restore: false);
        string? before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "1");
        return new Restore(before, restore: true);
    }

    sealed class Restore(string? value, bool restore) : IDisposable
    {
        public void Dispose()
        {
            if (restore) Environment.SetEnvironmentVariable(Variable, value);
        }
    }
}
