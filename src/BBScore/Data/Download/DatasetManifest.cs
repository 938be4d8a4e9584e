namespace BBScore.Data.Download;

/// <summary>An archive among a manifest's files to unpack after download.</summary>
/// <param name="ArchivePath">Relative path of the archive (as in <see cref="RemoteFile.RelativePath"/>).</param>
/// <param name="TargetPath">Relative folder to extract into.</param>
/// <param name="Password">Password of a protected zip, if any.</param>
public sealed record ArchiveEntry(string ArchivePath, string TargetPath, string? Password = null);

/// <summary>Everything a dataset needs on disk: its name (the folder under
/// <see cref="DataHome.DatasetsDir"/>), the files to fetch and the archives to unpack.</summary>
public sealed record DatasetManifest(string Name, IReadOnlyList<RemoteFile> Files, IReadOnlyList<ArchiveEntry>? Archives = null)
{
    public IReadOnlyList<ArchiveEntry> ArchiveEntries => Archives ?? [];

    /// <summary>The dataset's folder under <paramref name="home"/>.</summary>
    public string DirectoryIn(DataHome home) => Path.Combine(home.DatasetsDir, Name);
}
