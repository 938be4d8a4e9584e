using BBScore.Results;
using BBScore.Slurm;
using BBScore.Sweeps;

namespace BBScore.Cli.Commands;

/// <summary>The SLURM side of `bbscore eval`: submit a sweep as one job array, or resubmit its failed tasks
/// (`--retry-failed`), follow the array, then index the tasks' JSON results into the store and list what is
/// still missing with each task's log.</summary>
static class EvalSlurm
{
    public static int Submit(CliContext context, string sweepFile, SweepSchedule schedule, SlurmResources resources)
    {
        var plan = schedule.Plan;
        var client = new SlurmClient();
        client.EnsureAvailable();
        var (run, jobs) = Executor(context, client).Submit(sweepFile, SlurmSweepRun.NewFolder(context.Home.Root, sweepFile),
            schedule.Groups.Select(g => g.Group).ToList(), resources);
        context.Out.WriteLine($"submitted {plan.PendingCount} pending cell(s) of {plan.Cells.Count} as {run.Tasks.Count} task(s) in array job(s) " +
                              $"{string.Join(", ", run.Submissions.Select(s => s.JobId))}; run folder {run.Directory}");
        return FollowAndCollect(context, sweepFile, run, jobs);
    }

    public static int RetryFailed(CliContext context, string sweepFile, SlurmResources? resources)
    {
        var run = SlurmSweepRun.Latest(context.Home.Root, sweepFile)
                  ?? throw new ArgumentException($"{sweepFile} has no SLURM run under {SlurmSweepRun.SweepFolder(context.Home.Root, sweepFile)}: " +
                                                 $"submit it first with 'bbscore eval {sweepFile} --executor slurm'.");
        var client = new SlurmClient();
        client.EnsureAvailable();
        var stored = StoredResults.CellKeys(context.Home, context.Progress.Warn);
        int submissionsBefore = run.Submissions.Count;
        var (retried, jobs, resubmitted) = Executor(context, client).Retry(run, stored, resources);
        if (jobs.Tasks.Count == 0)
        {
            context.Out.WriteLine($"every cell of the SLURM run in {run.Directory} is stored; nothing to retry.");
            return 0;
        }
        var followed = jobs.Tasks.Select(t => t.Index).Except(resubmitted).ToList();
        context.Out.WriteLine(resubmitted.Count > 0
            ? $"resubmitted task(s) {string.Join(", ", resubmitted)} as array job(s) {string.Join(", ", retried.Submissions.Skip(submissionsBefore).Select(s => s.JobId))}" +
              (followed.Count > 0 ? $"; task(s) {string.Join(", ", followed)} are still queued or running and are followed" : "")
            : $"task(s) {string.Join(", ", followed)} are still queued or running; following them");
        return FollowAndCollect(context, sweepFile, retried, jobs);
    }

    static SlurmExecutor Executor(CliContext context, SlurmClient client) =>
        new(client, SelfCommand.For(typeof(BBScoreCli).Assembly.Location), context.Home)
        {
            PollInterval = PollInterval(),
        };

    /// <summary>BBSCORE_SLURM_POLL_MS shortens the wait between controller queries (tests); 2 s by default.</summary>
    static TimeSpan PollInterval() =>
        int.TryParse(Environment.GetEnvironmentVariable("BBSCORE_SLURM_POLL_MS"), out int ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(2);

    static int FollowAndCollect(CliContext context, string sweepFile, SlurmSweepRun run, SlurmSweepJobs jobs)
    {
        using (var interrupt = new InterruptScope())
        {
            try
            {
                jobs.Wait(context.Progress, interrupt.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping the submitter does not stop the array: say how to pick it up again.
                context.Error.WriteLine($"stopped following; the tasks keep running on the cluster (array job(s) " +
                    $"{string.Join(", ", jobs.Tasks.Select(t => t.JobId).Distinct())}). Collect them later with " +
                    $"'bbscore eval {sweepFile} --retry-failed', or cancel them with scancel.");
                return 130;
            }
        }
        // The tasks wrote JSON files only; indexing them here makes this process the store's one writer.
        var stored = StoredResults.CellKeys(context.Home, context.Progress.Warn);
        int cells = run.Tasks.Sum(t => t.Cells.Count);
        var unfinished = run.Tasks.Where(t => t.Cells.Any(c => !stored.Contains(c.ToCell(run.Settings).Key))).ToList();
        foreach (var task in unfinished)
        {
            var last = run.LastSubmissionOf(task.Index);
            int missing = task.Cells.Count(c => !stored.Contains(c.ToCell(run.Settings).Key));
            string log = jobs.LogPath(last.JobId, task.Index);
            context.Error.WriteLine($"failed task {task.Index} ({task.Description}): {missing} cell(s) missing; log: {log}");
        }
        int done = cells - unfinished.Sum(t => t.Cells.Count(c => !stored.Contains(c.ToCell(run.Settings).Key)));
        context.Out.WriteLine($"{done} of {cells} cell(s) stored in {context.Home.ResultsDatabase}, {cells - done} missing");
        if (unfinished.Count > 0)
            context.Out.WriteLine($"resubmit the failed task(s) with: bbscore eval {sweepFile} --retry-failed");
        return unfinished.Count > 0 ? 1 : 0;
    }
}
