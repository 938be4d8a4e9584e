using System.CommandLine;
using BBScore.Results;
using BBScore.Slurm;
using BBScore.Sweeps;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore eval sweep.yaml`: plans a sweep (models × layers × benchmarks × metrics, docs/SWEEPS.md)
/// against the results store and runs the cells not yet scored, on this machine or as a SLURM job array.</summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("sweep") { Description = "The sweep file (YAML; see docs/SWEEPS.md)." };
        var plan = new Option<bool>("--plan") { Description = "Print the cells and which are done; run nothing." };
        var executor = new Option<string>("--executor") { Description = "Where the cells run: local (child processes on this machine) or slurm (one sbatch job array).", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local", "slurm");
        var jobs = new Option<int>("--jobs") { Description = "How many groups run at once (local executor).", DefaultValueFactory = _ => 1 };
        var retry = new Option<bool>("--retry-failed") { Description = "Resubmit the failed tasks of this sweep's last SLURM run (only their missing cells) and follow them." };
        var partition = new Option<string?>("--partition") { Description = "sbatch --partition for every task (slurm executor)." };
        var time = new Option<string?>("--time") { Description = "sbatch --time limit per task, e.g. 02:00:00 (slurm executor)." };
        var mem = new Option<string?>("--mem") { Description = "sbatch --mem per task, e.g. 32G (slurm executor)." };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "sbatch --cpus-per-task (slurm executor)." };
        var gres = new Option<string?>("--gres") { Description = "sbatch --gres per task, e.g. gpu:1 (slurm executor)." };
        var command = new Command("eval", "Run a sweep file's cells that are not in the results store yet.")
        {
            file, plan, executor, jobs, retry, partition, time, mem, cpus, gres,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            if (parse.GetValue(jobs) < 1) throw new ArgumentException("--jobs must be at least 1.");
            string path = parse.GetValue(file)!;
            SlurmResources? resources = parse.GetValue(partition) is null && parse.GetValue(time) is null && parse.GetValue(mem) is null
                                        && parse.GetValue(cpus) is null && parse.GetValue(gres) is null
                ? null
                : new SlurmResources(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(mem), parse.GetValue(cpus), parse.GetValue(gres));
            bool slurm = parse.GetValue(executor) == "slurm";
            if (resources is not null && !slurm && !parse.GetValue(retry))
                throw new ArgumentException("--partition, --time, --mem, --cpus-per-task and --gres are sbatch options: add --executor slurm.");
            if (parse.GetValue(retry))
                return EvalSlurm.RetryFailed(context, path, resources);
            var schedule = SweepSchedule.Make(context.Home, SweepFile.Load(path), slurm ? resources ?? new SlurmResources() : null, context.Progress.Warn);
            if (parse.GetValue(plan))
            {
                SweepPlanPrinter.Print(context.Out, schedule);
                return 0;
            }
            if (schedule.Groups.Count == 0)
            {
                context.Out.WriteLine($"all {schedule.Plan.Cells.Count} cell(s) are already in {context.Home.ResultsDatabase}; nothing to run.");
                return 0;
            }
            return slurm
                ? EvalSlurm.Submit(context, path, schedule, resources ?? new SlurmResources())
                : RunLocal(context, path, schedule, parse.GetValue(jobs));
        }));
        return command;
    }

    static int RunLocal(CliContext context, string path, SweepSchedule schedule, int jobs)
    {
        var plan = schedule.Plan;
        string logDir = SlurmSweepRun.NewFolder(context.Home.Root, path);
        context.Out.WriteLine($"{plan.PendingCount} pending cell(s) of {plan.Cells.Count} in {schedule.Groups.Count} group(s), up to {jobs} at a time " +
                              $"within {BBScore.Pipeline.Preflight.RunPreflight.Format(schedule.BudgetBytes)} of memory ({schedule.BudgetSource}); logs in {logDir}");
        var self = SelfCommand.For(typeof(BBScoreCli).Assembly.Location);
        var gate = new object();
        using var interrupt = new InterruptScope();
        var outcomes = new LocalExecutor(self, context.Home, logDir, line => { lock (gate) context.Out.WriteLine(line); })
            .Run(schedule.Groups, jobs, new MemoryBudget(schedule.BudgetBytes), interrupt.Token);
        // A group can exit 0 and still miss a cell (one of several metrics failed): the store is the judge.
        var stored = StoredResults.CellKeys(context.Home, context.Progress.Warn);
        var missing = outcomes.SelectMany(o => o.Group.Cells.Where(c => !stored.Contains(c.Key)).Select(c => (Cell: c, o.LogPath))).ToList();
        foreach (var (cell, log) in missing)
            context.Error.WriteLine($"failed cell {cell.ShortKey}: {cell.Model} {cell.Layer} {cell.Benchmark} {cell.Metric}; log: {log}");
        context.Out.WriteLine($"{plan.PendingCount - missing.Count} cell(s) scored, {missing.Count} failed");
        return missing.Count > 0 ? 1 : 0;
    }
}
