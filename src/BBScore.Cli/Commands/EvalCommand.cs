using System.CommandLine;
using BBScore.Results;
using BBScore.Sweeps;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore eval sweep.yaml`: plans a sweep (models × layers × benchmarks × metrics, docs/SWEEPS.md)
/// against the results store and runs the cells not yet scored.</summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("sweep") { Description = "The sweep file (YAML; see docs/SWEEPS.md)." };
        var plan = new Option<bool>("--plan") { Description = "Print the cells and which are done; run nothing." };
        var executor = new Option<string>("--executor") { Description = "Where the cells run: local (child processes on this machine).", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local");
        var jobs = new Option<int>("--jobs") { Description = "How many groups run at once (local executor).", DefaultValueFactory = _ => 1 };
        var command = new Command("eval", "Run a sweep file's cells that are not in the results store yet.") { file, plan, executor, jobs };
        command.SetAction(parse => context.Guard(() =>
        {
            if (parse.GetValue(jobs) < 1) throw new ArgumentException("--jobs must be at least 1.");
            string path = parse.GetValue(file)!;
            var spec = SweepFile.Load(path);
            var cells = new SweepExpander(context.Home.ModelsDir).Expand(spec);
            var sweepPlan = SweepPlan.Make(cells, StoredResults.CellKeys(context.Home, context.Progress.Warn));
            if (parse.GetValue(plan))
            {
                PrintPlan(context.Out, sweepPlan);
                return 0;
            }
            return RunLocal(context, path, sweepPlan, parse.GetValue(jobs));
        }));
        return command;
    }

    static void PrintPlan(TextWriter output, SweepPlan plan)
    {
        // Per-cell cost needs the model and the data loaded (the run's own preflight does that); planning does not.
        TextTable.Write(output, ["cell", "model", "layer", "benchmark", "metric", "status", "estimate"],
            plan.Cells.Select(c => (IReadOnlyList<string>)[c.ShortKey, c.Model, c.Layer, c.Benchmark, c.Metric,
                plan.IsDone(c) ? "done" : "pending", "unknown"]));
        output.WriteLine($"{plan.Cells.Count} cell(s): {plan.Cells.Count - plan.PendingCount} done, {plan.PendingCount} pending in {plan.Groups.Count} group(s)");
        foreach (var group in plan.Groups)
            output.WriteLine($"  group {group.Index}: {group.Describe()}");
    }

    static int RunLocal(CliContext context, string path, SweepPlan plan, int jobs)
    {
        if (plan.Groups.Count == 0)
        {
            context.Out.WriteLine($"all {plan.Cells.Count} cell(s) are already in {context.Home.ResultsDatabase}; nothing to run.");
            return 0;
        }
        string logDir = Path.Combine(context.Home.Root, "sweeps", Path.GetFileNameWithoutExtension(path),
            DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture));
        context.Out.WriteLine($"{plan.PendingCount} pending cell(s) of {plan.Cells.Count} in {plan.Groups.Count} group(s), {jobs} at a time; logs in {logDir}");
        var self = SelfCommand.For(typeof(BBScoreCli).Assembly.Location);
        var gate = new object();
        using var interrupt = new InterruptScope();
        var outcomes = new LocalExecutor(self, context.Home, logDir, line => { lock (gate) context.Out.WriteLine(line); })
            .Run(plan.Groups, jobs, interrupt.Token);
        // A group can exit 0 and still miss a cell (one of several metrics failed): the store is the judge.
        var stored = StoredResults.CellKeys(context.Home, context.Progress.Warn);
        var missing = outcomes.SelectMany(o => o.Group.Cells.Where(c => !stored.Contains(c.Key)).Select(c => (Cell: c, o.LogPath))).ToList();
        foreach (var (cell, log) in missing)
            context.Error.WriteLine($"failed cell {cell.ShortKey}: {cell.Model} {cell.Layer} {cell.Benchmark} {cell.Metric}; log: {log}");
        context.Out.WriteLine($"{plan.PendingCount - missing.Count} cell(s) scored, {missing.Count} failed");
        return missing.Count > 0 ? 1 : 0;
    }
}
