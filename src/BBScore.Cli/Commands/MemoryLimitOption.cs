using System.CommandLine;
using BBScore.Pipeline.Preflight;

namespace BBScore.Cli.Commands;

/// <summary><c>--memory-limit 8G</c>: the memory budget the preflight holds a run to (instead of the detected free memory
/// and <c>BBSCORE_MEMORY_LIMIT</c>); ridge streams its features from the feature cache when they would not fit.</summary>
public static class MemoryLimitOption
{
    public static Option<string?> Create() => new("--memory-limit")
    {
        Description = $"Memory budget, e.g. 8G or 512M (default: free memory, or {MachineResources.MemoryLimitVariable}). Ridge then streams features from the " +
                      "feature cache when they would not fit, and a run that cannot fit is refused with what needs the memory.",
    };

    /// <summary>The given budget, checked now (a typo is reported before any work), or null.</summary>
    public static string? Read(ParseResult parse, Option<string?> option)
    {
        string? text = parse.GetValue(option);
        if (text is not null) MachineResources.ParseBytes(text, "--memory-limit");
        return text;
    }
}
