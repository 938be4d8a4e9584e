using BBScore.Data;
using BBScore.Pipeline.Preflight;
using BBScore.Results;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary>A sweep ready to run: its plan against the store, the pending groups fitted to the memory budget
/// (<see cref="SweepGroupFitter"/>) with their estimated peaks, and time estimates from earlier results.</summary>
public sealed record SweepSchedule(SweepPlan Plan, IReadOnlyList<FittedGroup> Groups, long BudgetBytes, string BudgetSource, SweepTimeEstimate Times)
{
    /// <param name="slurm">The SLURM resources when the sweep goes to a cluster: their <c>--mem</c> is the budget.</param>
    public static SweepSchedule Make(DataHome home, SweepSpec spec, SlurmResources? slurm, Action<string> warn)
    {
        var cells = new SweepExpander(home.ModelsDir).Expand(spec);
        var plan = SweepPlan.Make(cells, StoredResults.CellKeys(home, warn));
        var (budget, source) = Budget(slurm);
        using var estimator = new SweepEstimator(home);
        var groups = SweepGroupFitter.Fit(plan.Groups, g => estimator.Estimate(g.Model, g.Benchmark, g.Layers, g.Metrics, g.Settings), budget);
        var history = StoredResults.List(home, new ResultQuery { Limit = int.MaxValue }, warn).Rows;
        return new SweepSchedule(plan, groups, budget, source, new SweepTimeEstimate(history));
    }

    static (long Bytes, string Source) Budget(SlurmResources? slurm)
    {
        if (slurm?.Mem is { } mem)
        {
            // sbatch's --mem counts megabytes when it has no unit.
            string text = mem.Trim();
            try
            {
                return (MachineResources.ParseBytes(char.IsDigit(text[^1]) ? text + "M" : text), $"--mem {mem} per task");
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"--mem '{mem}' is not a size sbatch takes: give megabytes or a K/M/G/T suffix (e.g. 32G).");
            }
        }
        var machine = MachineResources.Detect();
        return (machine.AvailableMemoryBytes, slurm is null ? machine.MemorySource : $"this machine's {machine.MemorySource}; give --mem to size the cluster's tasks");
    }
}
