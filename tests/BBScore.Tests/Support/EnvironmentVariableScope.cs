namespace BBScore.Tests.Support;

/// <summary>Tests that set process environment variables run in this collection, one at a time and never
/// beside any other test (variables are process-wide).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>Sets environment variables for the scope's lifetime and restores the previous values.</summary>
public sealed class EnvironmentVariableScope : IDisposable
{
    readonly Dictionary<string, string?> _previous = new();

    public EnvironmentVariableScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
