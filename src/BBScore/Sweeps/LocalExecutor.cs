using System.Diagnostics;
using BBScore.Data;

namespace BBScore.Sweeps;

/// <summary>What became of one group: its exit code and where its output went.</summary>
public sealed record GroupOutcome(SweepGroup Group, int ExitCode, string LogPath, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary><c>--executor local</c>: runs each group as <c>bbscore run ...</c> in a child process of this same
/// bbscore, <c>jobs</c> at a time, so a crash (or an out-of-memory kill) ends one group, not the sweep. The
/// children write the one results store themselves (SQLite on a local disk takes concurrent writers) and share
/// the feature cache; each child's output goes to its own log file. Groups start while their estimated peaks fit
/// the shared <see cref="MemoryBudget"/> (an unknown estimate counts as an equal share of it).</summary>
public sealed class LocalExecutor(SelfCommand self, DataHome home, string logDir, Action<string> report)
{
    public IReadOnlyList<GroupOutcome> Run(IReadOnlyList<FittedGroup> fitted, int jobs, MemoryBudget budget, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var groups = fitted.Select(f => f.Group).ToList();
        Directory.CreateDirectory(logDir);
        var outcomes = new GroupOutcome[groups.Count];
        int finished = 0;
        Parallel.For(0, groups.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel }, i =>
        {
            var group = groups[i];
            long taken = budget.Acquire(fitted[i].Estimate.PeakMemoryBytes ?? budget.TotalBytes / jobs, cancel);
            GroupOutcome outcome;
            try
            {
                report($"[start] group {group.Index}/{groups.Count}: {group.Describe()}, peak memory ~{fitted[i].Estimate.Describe()}");
                outcome = RunOne(group, cancel);
            }
            finally
            {
                budget.Release(taken);
            }
            outcomes[i] = outcome;
            int done = Interlocked.Increment(ref finished);
            report(outcome.Succeeded
                ? $"[{done}/{groups.Count}] group {group.Index} done: {group.Cells.Count} cell(s) in {outcome.Elapsed.TotalSeconds:F1} s"
                : $"[{done}/{groups.Count}] group {group.Index} FAILED (exit {outcome.ExitCode}); log: {outcome.LogPath}");
        });
        return outcomes;
    }

    GroupOutcome RunOne(SweepGroup group, CancellationToken cancel)
    {
        string logPath = Path.Combine(logDir, $"group-{group.Index:D4}.log");
        var start = new ProcessStartInfo(self.FileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string arg in self.PrefixArguments.Concat(group.RunArguments())) start.ArgumentList.Add(arg);
        // The child must use this sweep's data home and results store, whatever the environment says.
        start.Environment["BBSCORE_HOME"] = home.Root;
        start.Environment["RESULTS_PATH"] = Path.GetDirectoryName(home.ResultsDir);
        var clock = Stopwatch.StartNew();
        using var log = new StreamWriter(logPath) { AutoFlush = true };
        log.WriteLine("$ bbscore " + string.Join(" ", group.RunArguments()));
        using var process = new Process { StartInfo = start };
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancel.Register(() => process.Kill(entireProcessTree: true)))
            process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        return new GroupOutcome(group, process.ExitCode, logPath, clock.Elapsed);
    }
}
