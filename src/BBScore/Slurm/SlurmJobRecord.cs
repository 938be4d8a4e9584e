namespace BBScore.Slurm;

/// <summary>One record of `scontrol -o show job`: a single array task, or several pending tasks that the
/// controller has not split yet (ArrayTaskId=3-9%2), which share one state.</summary>
public sealed record SlurmJobRecord(string ArrayJobId, IReadOnlyList<int> TaskIndices, SlurmTaskState State, int ExitCode, int Signal);
