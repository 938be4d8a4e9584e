using System.Security.Cryptography;
using System.Text;

namespace BBScore.Report;

/// <summary>File names for plots: readable (a slug of what the plot shows) and unique (a short hash of the exact
/// names, since two names can slug alike, e.g. <c>layer4</c> and <c>Layer4</c>, or differ only in punctuation).</summary>
public static class PlotNames
{
    public static string For(string kind, params string[] parts)
    {
        var slug = new StringBuilder(kind);
        foreach (string part in parts)
        {
            slug.Append('-');
            foreach (char c in part)
                slug.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        string readable = slug.Length > 80 ? slug.ToString(0, 80) : slug.ToString();
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + string.Join("\n", parts)));
        return readable + "-" + Convert.ToHexStringLower(hash)[..8];
    }
}
