using System.Globalization;
using BBScore.Data;
using BBScore.Progress;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary><c>--executor slurm</c>: one sbatch job array per sweep, one task per group (a model extracted once
/// on one benchmark, every layer and metric scored from those features). Each task runs its script
/// (<see cref="SweepTaskScript"/>, under <c>tasks/</c> in the run folder), which writes one JSON file per cell
/// into the shared results folder; the submitting side follows the array and indexes the files into the one
/// SQLite store, so no node writes SQLite. <see cref="Retry"/> resubmits the tasks whose cells are missing,
/// each with only its missing cells.</summary>
public sealed class SlurmExecutor(SlurmClient client, SelfCommand self, DataHome home)
{
    /// <summary>How often the controller is asked while following the array.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Writes the run folder (task scripts, run.json), submits the array and returns the job to follow.</summary>
    public (SlurmSweepRun Run, SlurmArrayJob Job) Submit(string sweepFile, string runFolder, IReadOnlyList<SweepGroup> groups, SlurmResources resources)
    {
        if (groups.Count == 0) throw new ArgumentException("no groups to submit", nameof(groups));
        var tasks = groups.Select((g, i) => new SlurmSweepTask(i, g.Describe(), g.Cells.Select(SlurmSweepCell.From).ToList())).ToList();
        var run = new SlurmSweepRun(Path.GetFullPath(runFolder), Path.GetFullPath(sweepFile), groups[0].Settings, resources, tasks, []);
        for (int i = 0; i < groups.Count; i++) WriteTaskScript(run, i, [groups[i]]);
        var job = JobFor(run);
        string id = job.Submit();
        run = run.WithSubmission(id, tasks.Select(t => t.Index).ToList());
        run.Save();
        return (run, job);
    }

    /// <summary>Brings <paramref name="run"/>'s unfinished tasks to the cluster again: a task whose last array is
    /// still pending or running is followed as it is; one that ended with cells missing from
    /// <paramref name="storedCellKeys"/> is resubmitted (same index, a new array) with a script for just those
    /// cells. Returns the job to follow and the resubmitted indices; the job follows nothing when every cell is stored.</summary>
    public (SlurmSweepRun Run, SlurmArrayJob Job, IReadOnlyList<int> Resubmitted) Retry(SlurmSweepRun run, IReadOnlySet<string> storedCellKeys,
        SlurmResources? resources = null)
    {
        if (resources is not null) run = run with { Resources = resources };
        var job = JobFor(run);
        var states = new Dictionary<string, IReadOnlyList<SlurmJobRecord>>(StringComparer.Ordinal);
        var resubmit = new List<int>();
        foreach (var task in run.Tasks)
        {
            var missing = task.Cells.Select(c => c.ToCell(run.Settings)).Where(c => !storedCellKeys.Contains(c.Key)).ToList();
            if (missing.Count == 0) continue;
            var last = run.LastSubmissionOf(task.Index);
            if (!states.TryGetValue(last.JobId, out var records)) states[last.JobId] = records = client.ShowJob(last.JobId);
            if (records.Any(r => r.TaskIndices.Contains(task.Index) && !r.State.HasEnded()))
            {
                job.Attach(last.JobId, [task.Index]);
                continue;
            }
            WriteTaskScript(run, task.Index, SweepPlan.Make(missing, storedCellKeys).Groups);
            resubmit.Add(task.Index);
        }
        if (resubmit.Count > 0)
        {
            string id = job.Resubmit(resubmit);
            run = run.WithSubmission(id, resubmit);
        }
        run.Save();
        return (run, job, resubmit);
    }

    /// <summary>Follows the array until every followed task has ended (progress and failed tasks go to
    /// <paramref name="progress"/>).</summary>
    public static IReadOnlyList<SlurmTaskResult> Follow(SlurmArrayJob job, IProgressSink progress, CancellationToken cancel) =>
        job.Tasks.Count == 0 ? [] : job.Wait(progress, cancellation: cancel);

    SlurmArrayJob JobFor(SlurmSweepRun run) =>
        new(client, "bbscore-" + Path.GetFileNameWithoutExtension(run.SweepFile), ["/bin/bash", TaskScriptPath(run, SlurmBatchScript.TaskIndexPlaceholder)],
            run.Tasks.Count, run.Directory, run.Resources, home.Root, PollInterval);

    void WriteTaskScript(SlurmSweepRun run, int index, IReadOnlyList<SweepGroup> groups)
    {
        string path = TaskScriptPath(run, index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, SweepTaskScript.Write(self, home, groups));
    }

    /// <summary>tasks/task-N.sh in the run folder (on the shared file system, like the logs).</summary>
    public static string TaskScriptPath(SlurmSweepRun run, string index) => Path.Combine(run.Directory, "tasks", $"task-{index}.sh");
}
