namespace BBScore.Slurm;

/// <summary>The sbatch options the user passes through unchanged (`--partition`, `--time`, `--mem`,
/// `--cpus-per-task`, `--gres`); null leaves each to the cluster's default.</summary>
public sealed record SlurmResources(
    string? Partition = null, string? Time = null, string? Mem = null, int? CpusPerTask = null, string? Gres = null)
{
    /// <summary>The options as sbatch arguments, one list element per argument.</summary>
    public IEnumerable<string> ToArguments()
    {
        if (Partition is not null) yield return "--partition=" + Partition;
        if (Time is not null) yield return "--time=" + Time;
        if (Mem is not null) yield return "--mem=" + Mem;
        if (CpusPerTask is { } cpus) yield return "--cpus-per-task=" + cpus;
        if (Gres is not null) yield return "--gres=" + Gres;
    }
}
