namespace BBScore.Sweeps;

/// <summary>How to start this same bbscore as a child process: the program and the arguments that come before
/// the command (<c>dotnet BBScore.Cli.dll</c> when running from a framework-dependent build or a test host).</summary>
public sealed record SelfCommand(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The running CLI: its apphost when it was started through one, else the dotnet host with
    /// <paramref name="cliAssemblyPath"/>.</summary>
    public static SelfCommand For(string cliAssemblyPath)
    {
        string apphost = Path.ChangeExtension(cliAssemblyPath, null);
        if (Environment.ProcessPath is { } process && string.Equals(Path.GetFullPath(process), apphost, StringComparison.Ordinal))
            return new SelfCommand(process, []);
        // The SDK sets DOTNET_HOST_PATH for the processes it starts (tests); otherwise the running host or PATH's dotnet.
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } set ? set
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : "dotnet";
        return new SelfCommand(host, [cliAssemblyPath]);
    }
}
