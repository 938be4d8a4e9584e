using System.Diagnostics;

namespace BBScore.Tests.Reliability;

/// <summary>The bbscore command as a separate process (the built CLI next to the tests), for faults that need
/// one: SIGKILL, concurrent runs, a file system that fills up.</summary>
public sealed class CliProcess : IDisposable
{
    readonly Process _process;
    readonly Task<string> _stdout;
    readonly Task<string> _stderr;

    public CliProcess(string home, IReadOnlyList<string> args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BBScore.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["BBSCORE_HOME"] = home;
        start.Environment.Remove("RESULTS_PATH");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public (int Code, string Out, string Err) WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            Kill();
            throw new TimeoutException("bbscore did not finish in time: " + _stderr.Result);
        }
        return (_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed or cleaned up.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to reach a <see cref="FaultPoints"/> point (its marker file appears).</summary>
    public void WaitForMarker(string marker, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (!File.Exists(marker))
        {
            if (_process.HasExited) throw new InvalidOperationException($"bbscore exited ({_process.ExitCode}) before its fault point: {_stderr.Result}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the fault point was not reached");
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        try { Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
