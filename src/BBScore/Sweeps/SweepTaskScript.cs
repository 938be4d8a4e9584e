using System.Text;
using BBScore.Data;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary>The shell script of one SLURM sweep task: it points bbscore at the sweep's data home (shared by
/// the nodes), defers the results index to the submitter (<see cref="DataHome.DeferResultsIndex"/>), and runs
/// the task's groups one after another, stopping at the first that fails (its exit code is the task's). Users
/// can read it, or run it by hand to reproduce a task.</summary>
public static class SweepTaskScript
{
    public static string Write(SelfCommand self, DataHome home, IReadOnlyList<SweepGroup> groups)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Written by bbscore eval --executor slurm: one array task of a sweep (docs/SWEEPS.md).\n");
        script.Append("set -eu\n");
        script.Append("cd ").Append(SlurmBatchScript.Quote(home.Root)).Append('\n');
        script.Append("export BBSCORE_HOME=").Append(SlurmBatchScript.Quote(home.Root)).Append('\n');
        script.Append("export RESULTS_PATH=").Append(SlurmBatchScript.Quote(Path.GetDirectoryName(home.ResultsDir)!)).Append('\n');
        script.Append("export ").Append(DataHome.ResultsIndexVariable).Append("=deferred\n");
        foreach (var group in groups)
        {
            script.Append("echo ").Append(SlurmBatchScript.Quote($"[group] {group.Describe()}")).Append('\n');
            script.Append(string.Join(' ', self.PrefixArguments.Prepend(self.FileName).Concat(group.RunArguments()).Select(SlurmBatchScript.Quote)));
            script.Append('\n');
        }
        return script.ToString();
    }
}
