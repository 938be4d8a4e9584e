namespace BBScore.Progress;

/// <summary>Reports progress of long work: a live bar on a terminal, periodic plain lines otherwise
/// (logs, CI, pipes), nothing in tests.</summary>
public interface IProgressSink
{
    /// <summary>Runs <paramref name="work"/>, which advances the returned counter up to <paramref name="total"/>.</summary>
    T Track<T>(string label, long total, Func<Action<long>, T> work);

    /// <summary>An informational line (kept separate from the result output).</summary>
    void Info(string message);

    /// <summary>A warning line.</summary>
    void Warn(string message);
}

/// <summary>Discards progress; for tests and library callers that do not want output.</summary>
public sealed class SilentProgress : IProgressSink
{
    public static readonly SilentProgress Instance = new();
    public T Track<T>(string label, long total, Func<Action<long>, T> work) => work(_ => { });
    public void Info(string message) { }
    public void Warn(string message) { }
}
