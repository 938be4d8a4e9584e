using BBScore.Progress;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary>The job arrays of one SLURM sweep run, addressed by the sweep's task numbers: task K runs as index
/// <c>K % TasksPerArray</c> of array <c>K / TasksPerArray</c> (<see cref="SlurmSweepRun.Locate"/>).</summary>
public sealed class SlurmSweepJobs(SlurmSweepRun run, Func<int, SlurmArrayJob> arrayFor)
{
    readonly Dictionary<int, SlurmArrayJob> _arrays = [];

    SlurmArrayJob Array(int array) => _arrays.TryGetValue(array, out var job) ? job : _arrays[array] = arrayFor(array);

    /// <summary>Submits <paramref name="tasks"/>, one sbatch per array they fall in; returns each submission.</summary>
    public IReadOnlyList<SlurmSubmission> Submit(IEnumerable<int> tasks) =>
        tasks.GroupBy(t => run.Locate(t).Array).OrderBy(g => g.Key)
            .Select(g => new SlurmSubmission(Array(g.Key).Resubmit(g.Select(t => run.Locate(t).Local)), g.ToList()))
            .ToList();

    /// <summary>Follows task <paramref name="task"/> as submitted earlier in array job <paramref name="jobId"/>.</summary>
    public void Attach(string jobId, int task)
    {
        var (array, local) = run.Locate(task);
        Array(array).Attach(jobId, [local]);
    }

    /// <summary>The followed tasks as last seen, by sweep task number.</summary>
    public IReadOnlyList<SlurmTaskResult> Tasks =>
        _arrays.OrderBy(p => p.Key).SelectMany(p => p.Value.Tasks.Select(t => t with { Index = p.Key * run.TasksPerArray + t.Index })).ToList();

    /// <summary>Where task <paramref name="task"/>'s output went in array job <paramref name="jobId"/>.</summary>
    public string LogPath(string jobId, int task)
    {
        var (array, local) = run.Locate(task);
        return Array(array).LogPath(jobId, local);
    }

    /// <summary>Follows every array with submitted tasks until all have ended.</summary>
    public void Wait(IProgressSink progress, CancellationToken cancel)
    {
        foreach (var (_, job) in _arrays.OrderBy(p => p.Key))
            if (job.Tasks.Count > 0) job.Wait(progress, cancellation: cancel);
    }
}
