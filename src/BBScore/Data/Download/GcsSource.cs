namespace BBScore.Data.Download;

/// <summary>The original's public (anonymous) Google Cloud Storage bucket over plain HTTPS:
/// <c>https://storage.googleapis.com/bbscore_datasets/&lt;object&gt;</c>. The whole base URL can be
/// replaced (a mirror, a local copy, tests) with the environment variable <c>BBSCORE_DATA_URL</c>;
/// an endpoint given to the constructor serves the bucket at <c>&lt;endpoint&gt;/&lt;bucket&gt;</c>.</summary>
public sealed class GcsSource
{
    public const string DefaultBucket = "bbscore_datasets";
    public const string DefaultEndpoint = "https://storage.googleapis.com";
    public const string BaseUrlVariable = "BBSCORE_DATA_URL";

    public GcsSource(string? endpoint = null, string bucket = DefaultBucket)
    {
        BaseUrl = endpoint is not null
            ? $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(bucket)}"
            : (Env(BaseUrlVariable) ?? $"{DefaultEndpoint}/{bucket}").TrimEnd('/');
    }

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
