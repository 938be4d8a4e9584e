namespace BBScore.Data.Download;

/// <summary>How the bytes behind a <see cref="RemoteFile"/> URL are served; Google Drive may answer
/// with an HTML "virus scan warning" page that has to be confirmed first; the Hugging Face hub takes the
/// user's <c>HF_TOKEN</c> for gated or private repositories.</summary>
public enum RemoteSource
{
    Http,
    GoogleDrive,
    HuggingFace,
}

/// <summary>One file to fetch: where it comes from, where it goes (relative to the dataset folder),
/// and optionally what it must look like once downloaded.</summary>
/// <param name="Url">Absolute URL (or relative to <see cref="DownloadOptions.BaseAddress"/>).</param>
/// <param name="RelativePath">Destination relative to the dataset folder, '/' separated.</param>
/// <param name="Size">Expected size in bytes, when known: checked after download and used for the free-disk check.</param>
/// <param name="Sha256">Expected SHA-256 (hex, any case), when known.</param>
/// <param name="Source">Protocol quirks to handle (Google Drive confirm page).</param>
public sealed record RemoteFile(string Url, string RelativePath, long? Size = null, string? Sha256 = null,
                                RemoteSource Source = RemoteSource.Http)
{
    /// <summary>The destination inside <paramref name="datasetDir"/>; rejects paths that escape it.</summary>
    public string DestinationIn(string datasetDir)
    {
        string root = Path.GetFullPath(datasetDir);
        string full = Path.GetFullPath(Path.Combine(root, RelativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Destination '{RelativePath}' of {Url} escapes the dataset folder {root}.");
        return full;
    }
}
