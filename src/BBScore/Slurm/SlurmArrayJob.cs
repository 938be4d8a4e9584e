using System.Diagnostics;
using System.Globalization;
using BBScore.Progress;

namespace BBScore.Slurm;

/// <summary>A SLURM job array of <see cref="TaskCount"/> tasks, each running the same command line with its
/// index (<see cref="SlurmBatchScript.TaskIndexPlaceholder"/>). It writes the script and the logs under
/// <see cref="JobDirectory"/>, submits, follows the tasks to their end, and resubmits chosen indices (the
/// failed ones, for `--retry-failed`); an index keeps its number across submissions.</summary>
public sealed class SlurmArrayJob
{
    readonly SlurmClient _client;
    readonly IReadOnlyList<string> _command;
    readonly string? _workingDirectory;
    readonly SlurmResources _resources;
    readonly TimeSpan _pollInterval;
    readonly SlurmTaskResult?[] _tasks;

    /// <param name="command">Program and arguments; "{task}" in an argument becomes the task index.</param>
    /// <param name="jobDirectory">Holds job.sh and logs/; on a cluster it must be on the shared file system.</param>
    /// <param name="pollInterval">How often the controller is asked (1 s by default: scontrol is cheap, but a
    /// sweep of thousands of tasks need not ask more often).</param>
    public SlurmArrayJob(SlurmClient client, string name, IReadOnlyList<string> command, int taskCount, string jobDirectory,
        SlurmResources? resources = null, string? workingDirectory = null, TimeSpan? pollInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        _client = client;
        Name = name;
        _command = command;
        TaskCount = taskCount;
        JobDirectory = Path.GetFullPath(jobDirectory);
        _resources = resources ?? new SlurmResources();
        _workingDirectory = workingDirectory;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
        _tasks = new SlurmTaskResult?[taskCount];
    }

    public string Name { get; }
    public int TaskCount { get; }
    public string JobDirectory { get; }
    public string ScriptPath => Path.Combine(JobDirectory, "job.sh");
    public string LogDirectory => Path.Combine(JobDirectory, "logs");

    /// <summary>Where a task's output goes: one file per submission and index, so a retry keeps the failed log.</summary>
    public string LogPath(string arrayJobId, int index) =>
        Path.Combine(LogDirectory, $"{arrayJobId}_{index.ToString(CultureInfo.InvariantCulture)}.log");

    /// <summary>Every task as last seen; an index never submitted is absent.</summary>
    public IReadOnlyList<SlurmTaskResult> Tasks => _tasks.OfType<SlurmTaskResult>().ToList();

    /// <summary>Indices that ended without completing (failed, cancelled, timed out, ...).</summary>
    public IReadOnlyList<int> FailedIndices => Tasks.Where(t => t.NeedsRetry).Select(t => t.Index).ToList();

    /// <summary>Submits all tasks; returns the array job id.</summary>
    public string Submit() => SubmitIndices(Enumerable.Range(0, TaskCount));

    /// <summary>Submits <paramref name="indices"/> again as a new array (same script, same indices); returns its id.</summary>
    public string Resubmit(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        if (list.Count == 0) throw new ArgumentException("no indices to resubmit", nameof(indices));
        foreach (int i in list)
            if (i < 0 || i >= TaskCount) throw new ArgumentOutOfRangeException(nameof(indices), $"task {i} is not in 0..{TaskCount - 1}");
        return SubmitIndices(list);
    }

    /// <summary>Follows tasks submitted earlier (by another process: a sweep resumed after the submitter was
    /// stopped) as if this job had submitted them, so <see cref="Wait"/> includes them.</summary>
    public void Attach(string arrayJobId, IEnumerable<int> indices)
    {
        foreach (int i in indices)
        {
            if (i < 0 || i >= TaskCount) throw new ArgumentOutOfRangeException(nameof(indices), $"task {i} is not in 0..{TaskCount - 1}");
            _tasks[i] = new SlurmTaskResult(i, arrayJobId, SlurmTaskState.Pending, 0, 0, LogPath(arrayJobId, i));
        }
    }

    string SubmitIndices(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        Directory.CreateDirectory(LogDirectory);
        File.WriteAllText(ScriptPath, SlurmBatchScript.Write(_command, _workingDirectory));
        string id = _client.SubmitArray(ScriptPath, list, Name, Path.Combine(LogDirectory, "%A_%a.log"), _resources);
        foreach (int i in list) _tasks[i] = new SlurmTaskResult(i, id, SlurmTaskState.Pending, 0, 0, LogPath(id, i));
        return id;
    }

    /// <summary>Follows the submitted tasks until every one has ended, reporting ended/total to
    /// <paramref name="progress"/> and each task that did not complete as a warning with its log path.
    /// Returns every task of the array (after a resubmission, the others as they ended before).</summary>
    /// <exception cref="TimeoutException">Tasks are still pending or running after <paramref name="timeout"/>.</exception>
    public IReadOnlyList<SlurmTaskResult> Wait(IProgressSink progress, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var submitted = Tasks;
        if (submitted.Count == 0) throw new InvalidOperationException("nothing submitted");
        return progress.Track($"slurm {Name}", submitted.Count, advance =>
        {
            while (true)
            {
                Poll(progress);
                var open = submitted.Where(t => !_tasks[t.Index]!.State.HasEnded()).ToList();
                advance(submitted.Count - open.Count);
                if (open.Count == 0) return submitted.Select(t => _tasks[t.Index]!).ToList();
                if (timeout is { } limit && clock.Elapsed > limit)
                    throw new TimeoutException($"{open.Count} task(s) of {Name} still pending or running after {limit.TotalSeconds:F0} s");
                cancellation.WaitHandle.WaitOne(_pollInterval);
                cancellation.ThrowIfCancellationRequested();
            }
        });
    }

    /// <summary>Asks the controller once about every array that still has open tasks.</summary>
    void Poll(IProgressSink progress)
    {
        foreach (string jobId in _tasks.OfType<SlurmTaskResult>().Where(t => !t.State.HasEnded()).Select(t => t.JobId).Distinct().ToList())
        {
            var records = _client.ShowJob(jobId);
            var seen = new HashSet<int>();
            foreach (var record in records.Where(r => r.ArrayJobId == jobId))
            foreach (int i in record.TaskIndices)
            {
                // An index resubmitted since belongs to the newer array; the old record must not overwrite it.
                if (i < 0 || i >= TaskCount || _tasks[i] is not { } task || task.JobId != jobId) continue;
                seen.Add(i);
                Update(task with { State = record.State, ExitCode = record.ExitCode, Signal = record.Signal }, progress);
            }
            // The controller forgets ended jobs after MinJobAge; a task it no longer lists ended unobserved.
            foreach (var task in _tasks.OfType<SlurmTaskResult>().Where(t => t.JobId == jobId && !t.State.HasEnded() && !seen.Contains(t.Index)))
                Update(task with { State = SlurmTaskState.Unknown }, progress);
        }
    }

    void Update(SlurmTaskResult task, IProgressSink progress)
    {
        bool endsNow = task.State.HasEnded() && !_tasks[task.Index]!.State.HasEnded();
        _tasks[task.Index] = task;
        if (endsNow && task.NeedsRetry)
            progress.Warn($"slurm {Name}: task {task.Index} (job {task.JobId}_{task.Index}) {task.State.ToString().ToUpperInvariant()}, " +
                          $"exit {task.ExitCode}{(task.Signal != 0 ? $", signal {task.Signal}" : "")}; log {task.LogPath}");
    }
}
