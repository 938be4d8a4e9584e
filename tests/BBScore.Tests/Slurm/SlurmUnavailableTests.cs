using BBScore.Slurm;
using BBScore.Tests.Support;

namespace BBScore.Tests.Slurm;

/// <summary>Without a usable cluster the client refuses with the reason and the fix, on every machine:
/// the tools are replaced by an empty folder or by stand-ins that answer as a stopped controller does.</summary>
public class SlurmUnavailableTests
{
    [Fact]
    public void MissingSbatchIsNamedWithTheFix()
    {
        using var bin = new TempDir();
        var client = new SlurmClient(new SlurmCommandRunner(bin.Path));
        var e = Assert.Throws<SlurmUnavailableException>(client.EnsureAvailable);
        Assert.Contains("`sbatch` is not installed", e.Message);
        Assert.Contains("tools/slurm-local.sh start", e.Message);
    }

    [Fact]
    public void ControllerThatDoesNotAnswerIsNamedWithTheFix()
    {
        using var bin = new TempDir();
        // What slurm-wlm 22.05's scontrol prints, exit 1, when slurmctld is stopped.
        WriteTool(bin, "scontrol", "echo 'Slurmctld(primary) at vm is DOWN'; exit 1");
        WriteTool(bin, "sbatch", "exit 1");
        WriteTool(bin, "scancel", "exit 1");
        var client = new SlurmClient(new SlurmCommandRunner(bin.Path));
        var e = Assert.Throws<SlurmUnavailableException>(client.EnsureAvailable);
        Assert.Contains("the controller does not answer", e.Message);
        Assert.Contains("is DOWN", e.Message);
        Assert.Contains("tools/slurm-local.sh start", e.Message);
    }

    [Fact]
    public void ControllerThatHangsIsBoundedByTheTimeout()
    {
        using var bin = new TempDir();
        WriteTool(bin, "scontrol", "exec sleep 30");
        var runner = new SlurmCommandRunner(bin.Path, TimeSpan.FromMilliseconds(500));
        var e = Assert.Throws<SlurmUnavailableException>(() => runner.Run("scontrol", "ping"));
        Assert.Contains("did not answer within", e.Message);
    }

    static void WriteTool(TempDir bin, string name, string body)
    {
        string path = Path.Combine(bin.Path, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        // SLURM exists only on Unix; the guard tells the platform analyser so.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
