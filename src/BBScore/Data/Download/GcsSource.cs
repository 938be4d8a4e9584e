namespace BBScore.Data.Download;

/// <summary>The original's public (anonymous) Google Cloud Storage buckets over plain HTTPS:
/// <c>https://storage.googleapis.com/&lt;bucket&gt;/&lt;object&gt;</c>. Mirrors (a local copy, tests):
/// <c>BBSCORE_DATA_URL</c> replaces the whole base URL of the datasets bucket; <c>BBSCORE_GCS_URL</c>
/// replaces the endpoint for every bucket (the datasets bucket when <c>BBSCORE_DATA_URL</c> is unset, and
/// the models bucket of the HMAX patch set), served as <c>&lt;endpoint&gt;/&lt;bucket&gt;</c>. An endpoint
/// given to the constructor wins over both.</summary>
public sealed class GcsSource
{
    public const string DefaultBucket = "bbscore_datasets";
    public const string DefaultEndpoint = "https://storage.googleapis.com";
    public const string BaseUrlVariable = "BBSCORE_DATA_URL";
    public const string EndpointVariable = "BBSCORE_GCS_URL";

    public GcsSource(string? endpoint = null, string bucket = DefaultBucket)
    {
        if (endpoint is null && bucket == DefaultBucket && Env(BaseUrlVariable) is { } datasetsMirror)
        {
            BaseUrl = datasetsMirror.TrimEnd('/');
            IsMirror = true;
        }
        else
        {
            BaseUrl = $"{(endpoint ?? Env(EndpointVariable) ?? DefaultEndpoint).TrimEnd('/')}/{Uri.EscapeDataString(bucket)}";
            IsMirror = endpoint is null && Env(EndpointVariable) is not null;
        }
    }

    /// <summary>The URL comes from a mirror variable: the user chose this host, so no other host (such
    /// as the Google Drive fallback) is tried when it fails.</summary>
    public bool IsMirror { get; }

    /// <summary>URL of the bucket's root, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>URL of <paramref name="objectName"/> (e.g. "nsd/subj01_nativesurface_nsdgeneral.pkl"), each segment escaped.</summary>
    public string Url(string objectName) =>
        $"{BaseUrl}/{string.Join('/', objectName.TrimStart('/').Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>A file of the bucket, stored under <paramref name="relativePath"/> (defaults to the object name).</summary>
    public RemoteFile File(string objectName, string? relativePath = null, long? size = null, string? sha256 = null) =>
        new(Url(objectName), relativePath ?? objectName, size, sha256);

    internal static string? Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
