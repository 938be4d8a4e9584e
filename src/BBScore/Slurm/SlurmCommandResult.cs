namespace BBScore.Slurm;

/// <summary>What one SLURM command printed and returned.</summary>
public sealed record SlurmCommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for error messages: SLURM prints its reasons on either.</summary>
    public string Output => (StandardOutput + "\n" + StandardError).Trim();
}
