namespace BBScore.Data.Archives;

/// <summary>Where an archive entry may be written under the extraction folder. Everything an entry name can do
/// wrong is refused here with an <see cref="InvalidDataException"/> naming the archive and the entry, before the
/// file system sees it: paths outside the folder (zip-slip), characters no path may hold, and a file and a folder
/// claiming the same name (which the file system would report as "access denied" or "not found").</summary>
internal sealed class ExtractionPaths(string root, string archivePath)
{
    readonly string _prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

    /// <summary>The full path of a folder entry, created (with its parents).</summary>
    public string Directory(string entryName)
    {
        string path = Resolve(entryName);
        RequireNoFileOnTheWay(path, entryName);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The full path of a file entry, its parent folders created.</summary>
    public string File(string entryName)
    {
        string path = Resolve(entryName);
        if (path.EndsWith(Path.DirectorySeparatorChar) || System.IO.Directory.Exists(path))
            throw Refused(entryName, "is a file whose name is also a folder's");
        RequireNoFileOnTheWay(Path.GetDirectoryName(path)!, entryName);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    string Resolve(string entryName)
    {
        if (entryName.Length == 0 || entryName.IndexOfAny(ForbiddenCharacters) >= 0)
            throw Refused(entryName, "has a name no file may have (empty, or with a NUL or control character)");
        string full = Path.GetFullPath(Path.Combine(_prefix, entryName.Replace('\\', '/')));
        if (!full.StartsWith(_prefix, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != _prefix)
            throw new InvalidDataException(
                $"Archive entry '{entryName}' would be written outside the extraction folder {root}; refusing to " +
                "extract (zip-slip). The archive is corrupt or malicious: delete it and download it again.");
        return full;
    }

    /// <summary>Throws when <paramref name="folder"/> or one of its parents below the root is a file.</summary>
    void RequireNoFileOnTheWay(string folder, string entryName)
    {
        for (string? f = folder; f is not null && f.Length >= _prefix.Length; f = Path.GetDirectoryName(f))
            if (System.IO.File.Exists(f))
                throw Refused(entryName, $"needs a folder where the archive already put a file ({Path.GetRelativePath(_prefix, f)})");
    }

    InvalidDataException Refused(string entryName, string why) =>
        new($"{archivePath}: archive entry '{Printable(entryName)}' {why}; the archive is corrupt: delete it and download it again.");

    static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());

    static readonly char[] ForbiddenCharacters = Enumerable.Range(0, 32).Select(i => (char)i).ToArray();
}
