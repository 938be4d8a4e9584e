using System.Globalization;
using BBScore.Pipeline.Preflight;
using BBScore.Sweeps;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore eval --plan`: every cell with its status, the group that would score it, the group's
/// estimated peak memory (the run's preflight) and the cell's estimated metric time (earlier results); then the
/// groups, the memory budget they were fitted to, and the groups that cannot fit even alone.</summary>
static class SweepPlanPrinter
{
    public static void Print(TextWriter output, SweepSchedule schedule)
    {
        var plan = schedule.Plan;
        var groupOf = schedule.Groups.SelectMany(g => g.Group.Cells.Select(c => (c.Key, g))).ToDictionary(p => p.Key, p => p.g, StringComparer.Ordinal);
        TextTable.Write(output, ["cell", "model", "layer", "benchmark", "metric", "status", "group", "group peak", "metric time"],
            plan.Cells.Select(c => groupOf.TryGetValue(c.Key, out var g)
                ? (IReadOnlyList<string>)[c.ShortKey, c.Model, c.Layer, c.Benchmark, c.Metric, "pending", g.Group.Index.ToString(CultureInfo.InvariantCulture),
                    g.Estimate.PeakMemoryBytes is long peak ? RunPreflight.Format(peak) : "unknown", Seconds(schedule.Times.Cell(c))]
                : [c.ShortKey, c.Model, c.Layer, c.Benchmark, c.Metric, "done", "-", "-", "-"]));
        output.WriteLine($"{plan.Cells.Count} cell(s): {plan.Cells.Count - plan.PendingCount} done, {plan.PendingCount} pending in {schedule.Groups.Count} group(s)");
        output.WriteLine($"memory budget per group: {RunPreflight.Format(schedule.BudgetBytes)} ({schedule.BudgetSource})");
        foreach (var fitted in schedule.Groups)
            output.WriteLine($"  group {fitted.Group.Index}: {fitted.Group.Describe()}; peak memory ~{fitted.Estimate.Describe()}; " +
                             $"time {Seconds(schedule.Times.Group(fitted.Group))}" +
                             (fitted.TooLarge(schedule.BudgetBytes) ? " — does not fit even alone: see 'bbscore check' for this model, layer and benchmark" : ""));
        // Every unknown time has the same cause; say it once.
        if (schedule.Groups.Any(g => schedule.Times.Group(g.Group) is null))
            output.WriteLine("time estimates come from earlier results of the same model, benchmark and metric; 'unknown' where there are none yet.");
    }

    static string Seconds(double? seconds) => seconds is double s ? $"~{s.ToString("F1", CultureInfo.InvariantCulture)} s" : "unknown";
}
