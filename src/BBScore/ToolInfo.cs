using System.Reflection;

namespace BBScore;

/// <summary>Version and source commit of this build, recorded with every result.</summary>
public static class ToolInfo
{
    static readonly Assembly Self = typeof(ToolInfo).Assembly;

    public static string Version =>
        Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? Self.GetName().Version?.ToString() ?? "0.0.0";

    public static string GitCommit =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "GitCommit")?.Value ?? "unknown";
}
