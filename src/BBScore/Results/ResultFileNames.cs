using System.Security.Cryptography;
using System.Text;

namespace BBScore.Results;

/// <summary>
/// Result file names, <c>&lt;model&gt;_&lt;layer&gt;_&lt;benchmark&gt;_&lt;metric&gt;_&lt;id&gt;.json</c>,
/// safe on every file system: model and layer names may contain <c>/</c> (hub ids), spaces or
/// other characters that would create directories or break shells.
/// </summary>
public static class ResultFileNames
{
    /// <summary>Longest kept part per component; longer ones are cut and tagged with a hash so
    /// distinct long names (e.g. many aggregated layers) stay distinct within file-name limits.</summary>
    const int MaxComponentLength = 64;

    public static string For(ResultRecord record) =>
        string.Join('_', new[] { record.Model, record.Layer, record.Benchmark, record.Metric, record.Id }.Select(Sanitise)) + ".json";

    /// <summary>Keeps ASCII letters, digits and <c>. - _ +</c>; every other character becomes
    /// <c>_</c>. A leading dot (hidden file, or <c>..</c>) is replaced too.</summary>
    public static string Sanitise(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (component.Length == 0) return "_";
        var safe = new StringBuilder(component.Length);
        foreach (char c in component)
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' ? c : '_');
        if (safe[0] == '.') safe[0] = '_';
        if (safe.Length <= MaxComponentLength) return safe.ToString();
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(component)))[..8];
        return safe.ToString(0, MaxComponentLength - 9) + "-" + hash;
    }
}
