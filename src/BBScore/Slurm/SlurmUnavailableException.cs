namespace BBScore.Slurm;

/// <summary>SLURM cannot be used from this machine: a command is missing or the controller does not answer.
/// The message names the reason and the fix, because the user sees it instead of a stack trace.</summary>
public sealed class SlurmUnavailableException(string reason)
    : InvalidOperationException($"slurm is not available: {reason}. On a machine of your own, start a one-node cluster with " +
                "`sudo bash tools/slurm-local.sh start`; on a cluster, run from a login node where sbatch works.")
{
    /// <summary>Why SLURM is unavailable, without the advice.</summary>
    public string Reason { get; } = reason;
}
