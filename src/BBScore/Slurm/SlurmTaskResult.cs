namespace BBScore.Slurm;

/// <summary>One array task as it stands: which submission ran it, its state, exit code and log file.</summary>
/// <param name="Index">The task index (SLURM_ARRAY_TASK_ID), stable across resubmissions.</param>
/// <param name="JobId">The array job id of the submission that ran this index last.</param>
/// <param name="ExitCode">The command's exit code (0 until it ends).</param>
/// <param name="Signal">The signal that ended it, 0 if none (scancel gives 15).</param>
/// <param name="LogPath">Where the task's stdout and stderr went.</param>
public sealed record SlurmTaskResult(int Index, string JobId, SlurmTaskState State, int ExitCode, int Signal, string LogPath)
{
    /// <summary>True when the task ended and did not complete: a candidate for resubmission.</summary>
    public bool NeedsRetry => State.HasEnded() && State != SlurmTaskState.Completed;
}
