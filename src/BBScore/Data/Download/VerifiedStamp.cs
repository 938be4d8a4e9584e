using System.Globalization;
using System.Security.Cryptography;

namespace BBScore.Data.Download;

/// <summary>A small <c>&lt;file&gt;.verified</c> note written when a download passed its SHA-256 check: the hash,
/// the size and the modification time seen then. While size and time are unchanged the file is trusted without
/// hashing it again (datasets are GBs); any write to it (a flipped byte, a truncation, a copy over it) changes the
/// time, so the next check re-hashes it and a mismatch sends it back to be downloaded.</summary>
internal static class VerifiedStamp
{
    public static string PathOf(string file) => file + ".verified";

    /// <summary>Records that <paramref name="file"/> has hash <paramref name="sha256"/> (call right after checking it).</summary>
    public static void Write(string file, string sha256)
    {
        var info = new FileInfo(file);
        string temp = PathOf(file) + ".tmp";
        File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture,
            $"sha256={sha256.Trim().ToLowerInvariant()}\nsize={info.Length}\nmtime={info.LastWriteTimeUtc.Ticks}\n"));
        File.Move(temp, PathOf(file), overwrite: true);
    }

    /// <summary>True when <paramref name="file"/> is known to have hash <paramref name="sha256"/>: the stamp matches
    /// its size and time, or, failing that, hashing it now gives that hash (the stamp is then renewed).</summary>
    public static bool Holds(string file, string sha256)
    {
        string expected = sha256.Trim().ToLowerInvariant();
        var info = new FileInfo(file);
        if (!info.Exists) return false;
        if (File.Exists(PathOf(file)))
        {
            var fields = File.ReadAllLines(PathOf(file)).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (fields.GetValueOrDefault("sha256") == expected
                && fields.GetValueOrDefault("size") == info.Length.ToString(CultureInfo.InvariantCulture)
                && fields.GetValueOrDefault("mtime") == info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
                return true;
        }
        string actual;
        using (var s = File.OpenRead(file)) actual = Convert.ToHexStringLower(SHA256.HashData(s));
        if (actual != expected) return false;
        Write(file, expected);
        return true;
    }

    public static void Delete(string file)
    {
        if (File.Exists(PathOf(file))) File.Delete(PathOf(file));
    }
}
