using System.Globalization;

namespace BBScore.Slurm;

/// <summary>The SLURM operations the executor needs, over the real commands: sbatch to submit, scontrol to
/// check the controller and follow jobs, scancel to cancel. No sacct: clusters without an accounting
/// daemon (and the local CI cluster) answer it with "accounting storage is disabled".</summary>
public sealed class SlurmClient(SlurmCommandRunner? runner = null)
{
    readonly SlurmCommandRunner _runner = runner ?? new SlurmCommandRunner();

    /// <summary>Throws <see cref="SlurmUnavailableException"/> naming the reason when jobs cannot be
    /// submitted: sbatch or scontrol missing, or the controller not answering `scontrol ping`.</summary>
    public void EnsureAvailable()
    {
        foreach (string tool in new[] { "sbatch", "scontrol", "scancel" })
            if (_runner.Locate(tool) is null) _runner.Run(tool); // throws, naming the missing tool
        var ping = _runner.Run("scontrol", "ping");
        if (ping.ExitCode != 0 || !ping.StandardOutput.Contains("is UP", StringComparison.Ordinal))
            throw new SlurmUnavailableException($"the controller does not answer (`scontrol ping`: {FirstLine(ping.Output)})");
    }

    /// <summary>SLURM's default MaxArraySize: array indices run from 0 to 1,000.</summary>
    public const int DefaultMaxArraySize = 1001;

    /// <summary>The controller's MaxArraySize (`scontrol show config`): every array index must be below it.
    /// <see cref="DefaultMaxArraySize"/> when the configuration does not say.</summary>
    public int MaxArraySize()
    {
        var result = _runner.Run("scontrol", "show", "config");
        if (result.ExitCode != 0) throw new SlurmUnavailableException($"`scontrol show config` failed: {FirstLine(result.Output)}");
        foreach (string line in result.StandardOutput.Split('\n'))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "MaxArraySize" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 1)
                return size;
        }
        return DefaultMaxArraySize;
    }

    /// <summary>Submits <paramref name="scriptPath"/> as an array over <paramref name="indices"/> and returns
    /// the array job id.</summary>
    public string SubmitArray(string scriptPath, IEnumerable<int> indices, string jobName, string logPattern, SlurmResources resources)
    {
        List<string> arguments =
        [
            "--parsable",
            "--job-name=" + jobName,
            "--array=" + SlurmShowJobParser.FormatIndices(indices),
            "--output=" + logPattern,
            .. resources.ToArguments(),
            scriptPath,
        ];
        var result = _runner.Run("sbatch", arguments);
        // --parsable prints "jobid" or "jobid;cluster".
        string id = result.StandardOutput.Trim().Split(';')[0];
        if (result.ExitCode != 0 || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InvalidOperationException($"sbatch refused the job (exit {result.ExitCode}): {result.Output}");
        return id;
    }

    /// <summary>The records the controller holds for an array job; empty once it has forgotten the job.</summary>
    public IReadOnlyList<SlurmJobRecord> ShowJob(string arrayJobId)
    {
        var result = _runner.Run("scontrol", "-o", "show", "job", arrayJobId);
        if (result.ExitCode == 0) return SlurmShowJobParser.Parse(result.StandardOutput);
        if (result.Output.Contains("Invalid job id", StringComparison.Ordinal)) return [];
        throw new SlurmUnavailableException($"`scontrol show job {arrayJobId}` failed: {FirstLine(result.Output)}");
    }

    /// <summary>Cancels one task of an array job (scancel ID_INDEX).</summary>
    public void CancelTask(string arrayJobId, int index)
    {
        var result = _runner.Run("scancel", $"{arrayJobId}_{index.ToString(CultureInfo.InvariantCulture)}");
        if (result.ExitCode != 0) throw new InvalidOperationException($"scancel {arrayJobId}_{index} failed: {result.Output}");
    }

    /// <summary>Cancels every task of an array job.</summary>
    public void Cancel(string arrayJobId) => _runner.Run("scancel", arrayJobId);

    static string FirstLine(string text) => text.Split('\n', 2)[0] is { Length: > 0 } line ? line : "no output";
}
