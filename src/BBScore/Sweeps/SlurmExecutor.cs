using System.Globalization;
using BBScore.Data;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary><c>--executor slurm</c>: sbatch job arrays, one task per group (a model extracted once on one
/// benchmark, every layer and metric scored from those features), as few arrays as the cluster's MaxArraySize
/// allows. Each task runs its script (<see cref="SweepTaskScript"/>, under <c>array-K/tasks/</c> in the run
/// folder), which writes one JSON file per cell into the shared results folder; the submitting side follows
/// the arrays and indexes the files into the one SQLite store, so no node writes SQLite. <see cref="Retry"/>
/// resubmits the tasks whose cells are missing, each with only its missing cells.</summary>
public sealed class SlurmExecutor(SlurmClient client, SelfCommand self, DataHome home)
{
    /// <summary>How often the controller is asked while following the arrays.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Writes the run folder (task scripts, run.json), submits the arrays and returns the jobs to follow.</summary>
    public (SlurmSweepRun Run, SlurmSweepJobs Jobs) Submit(string sweepFile, string runFolder, IReadOnlyList<SweepGroup> groups, SlurmResources resources)
    {
        if (groups.Count == 0) throw new ArgumentException("no groups to submit", nameof(groups));
        var tasks = groups.Select((g, i) => new SlurmSweepTask(i, g.Describe(), g.Cells.Select(SlurmSweepCell.From).ToList())).ToList();
        // Array indices must stay below MaxArraySize; a larger sweep becomes several arrays.
        var run = new SlurmSweepRun(Path.GetFullPath(runFolder), Path.GetFullPath(sweepFile), groups[0].Settings, resources,
            Math.Min(client.MaxArraySize() - 1, SlurmClient.DefaultMaxArraySize - 1), tasks, []);
        for (int i = 0; i < groups.Count; i++) WriteTaskScript(run, i, [groups[i]]);
        var jobs = JobsFor(run);
        foreach (var submission in jobs.Submit(tasks.Select(t => t.Index)))
            run = run.WithSubmission(submission.JobId, submission.Indices);
        run.Save();
        return (run, jobs);
    }

    /// <summary>Brings <paramref name="run"/>'s unfinished tasks to the cluster again: a task whose last array is
    /// still pending or running is followed as it is; one that ended with cells missing from
    /// <paramref name="storedCellKeys"/> is resubmitted (same task number, a new array job) with a script for just
    /// those cells. Returns the jobs to follow and the resubmitted tasks; nothing is followed when every cell is stored.</summary>
    public (SlurmSweepRun Run, SlurmSweepJobs Jobs, IReadOnlyList<int> Resubmitted) Retry(SlurmSweepRun run, IReadOnlySet<string> storedCellKeys,
        SlurmResources? resources = null)
    {
        if (resources is not null) run = run with { Resources = resources };
        var jobs = JobsFor(run);
        var states = new Dictionary<string, IReadOnlyList<SlurmJobRecord>>(StringComparer.Ordinal);
        var resubmit = new List<int>();
        foreach (var task in run.Tasks)
        {
            var missing = task.Cells.Select(c => c.ToCell(run.Settings)).Where(c => !storedCellKeys.Contains(c.Key)).ToList();
            if (missing.Count == 0) continue;
            var last = run.LastSubmissionOf(task.Index);
            if (!states.TryGetValue(last.JobId, out var records)) states[last.JobId] = records = client.ShowJob(last.JobId);
            int local = run.Locate(task.Index).Local;
            if (records.Any(r => r.TaskIndices.Contains(local) && !r.State.HasEnded()))
            {
                jobs.Attach(last.JobId, task.Index);
                continue;
            }
            WriteTaskScript(run, task.Index, SweepPlan.Make(missing, storedCellKeys).Groups);
            resubmit.Add(task.Index);
        }
        foreach (var submission in jobs.Submit(resubmit))
            run = run.WithSubmission(submission.JobId, submission.Indices);
        run.Save();
        return (run, jobs, resubmit);
    }

    SlurmSweepJobs JobsFor(SlurmSweepRun run) => new(run, array =>
        new SlurmArrayJob(client, "bbscore-" + Path.GetFileNameWithoutExtension(run.SweepFile) + (run.ArrayCount > 1 ? $"-{array}" : ""),
            ["/bin/bash", Path.Combine(run.ArrayFolder(array), "tasks", $"task-{SlurmBatchScript.TaskIndexPlaceholder}.sh")],
            run.ArrayLength(array), run.ArrayFolder(array), run.Resources, home.Root, PollInterval));

    void WriteTaskScript(SlurmSweepRun run, int task, IReadOnlyList<SweepGroup> groups)
    {
        var (array, local) = run.Locate(task);
        string path = Path.Combine(run.ArrayFolder(array), "tasks", $"task-{local.ToString(CultureInfo.InvariantCulture)}.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, SweepTaskScript.Write(self, home, groups));
    }
}
