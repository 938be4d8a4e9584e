using System.ComponentModel;
using System.Diagnostics;

namespace BBScore.Slurm;

/// <summary>Runs the SLURM command-line tools. Arguments travel as an argument list, never through a shell,
/// so job names, paths and resource strings cannot inject commands.</summary>
public sealed class SlurmCommandRunner
{
    readonly string? _binDirectory;
    readonly TimeSpan _timeout;

    /// <param name="binDirectory">Folder holding sbatch, scontrol and scancel; null looks them up on PATH.</param>
    /// <param name="timeout">Bound on one command: a controller that hangs must not hang the sweep.</param>
    public SlurmCommandRunner(string? binDirectory = null, TimeSpan? timeout = null)
    {
        _binDirectory = binDirectory;
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The full path of <paramref name="tool"/>, or null when it is not installed.</summary>
    public string? Locate(string tool)
    {
        IEnumerable<string> folders = _binDirectory is not null
            ? [_binDirectory]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="tool"/> and returns its exit code and output; throws
    /// <see cref="SlurmUnavailableException"/> when the tool is missing or does not finish in time.</summary>
    public SlurmCommandResult Run(string tool, params IEnumerable<string> arguments)
    {
        string path = Locate(tool) ?? throw new SlurmUnavailableException(
            $"`{tool}` is not installed ({(_binDirectory is null ? "not on PATH" : "not in " + _binDirectory)})");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try { process.Start(); }
        catch (Win32Exception e) { throw new SlurmUnavailableException($"`{path}` could not be started: {e.Message}"); }
        // Both streams are read concurrently: a child that fills one pipe while we wait on the other would block.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new SlurmUnavailableException($"`{tool} {string.Join(' ', start.ArgumentList)}` did not answer within {_timeout.TotalSeconds:F0} s");
        }
        return new SlurmCommandResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
