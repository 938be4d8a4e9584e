using System.Diagnostics;

namespace BBScore.Progress;

/// <summary>Progress as plain lines (at most one every few seconds, plus start and end), for output
/// that is not a terminal: Spectre.Console draws no bar there.</summary>
public sealed class PlainProgress(TextWriter output, TimeSpan? interval = null) : IProgressSink
{
    readonly TimeSpan _interval = interval ?? TimeSpan.FromSeconds(5);

    public T Track<T>(string label, long total, Func<Action<long>, T> work)
    {
        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        bool known = total > 0; // 0: the size is unknown (a server that sends no length), so no fraction is shown
        output.WriteLine(known ? $"{label}: 0/{total}" : $"{label}: 0 (total unknown)");
        T result = work(done =>
        {
            if (clock.Elapsed - lastPrint < _interval && (!known || done < total)) return;
            lastPrint = clock.Elapsed;
            double rate = done / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            output.WriteLine(known && done <= total
                ? $"{label}: {done}/{total} ({100.0 * done / total:F0}%, {rate:F1}/s)"
                : $"{label}: {done} ({rate:F1}/s)");
        });
        output.WriteLine($"{label}: done in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    public void Info(string message) => output.WriteLine(message);
    public void Warn(string message) => output.WriteLine("warning: " + message);
}
