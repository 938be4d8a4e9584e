using System.Net;

namespace BBScore.Data.Download;

/// <summary>A download failed for good (after retries, or on an error retrying cannot fix).</summary>
public sealed class DownloadException(string message, string url, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Url { get; } = url;
    public HttpStatusCode? StatusCode { get; } = status;
}

/// <summary>Offline mode was requested and some files are not on disk.</summary>
public sealed class DatasetUnavailableException(string message, IReadOnlyList<RemoteFile> missing) : Exception(message)
{
    public IReadOnlyList<RemoteFile> Missing { get; } = missing;
}
