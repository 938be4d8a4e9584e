namespace BBScore.Data.Download;

/// <summary>Public (anonymous) Google Cloud Storage objects over plain HTTPS:
/// <c>&lt;endpoint&gt;/&lt;bucket&gt;/&lt;object&gt;</c>. The endpoint defaults to
/// <c>https://storage.googleapis.com</c> and can be replaced (mirror, tests) with the environment
/// variable <c>BBSCORE_GCS_ENDPOINT</c> or the constructor.</summary>
public sealed class GcsSource(string? endpoint = null, string bucket = GcsSource.DefaultBucket)
{
    public const string DefaultBucket = "bbscore_datasets";
    public const string DefaultEndpoint = "https://storage.googleapis.com";
    public const string EndpointVariable = "BBSCORE_GCS_ENDPOINT";

    public string Endpoint { get; } = (endpoint ?? Env(EndpointVariable) ?? DefaultEndpoint).TrimEnd('/');
    public string Bucket { get; } = bucket;

    /// <summary>URL of <paramref name="objectName"/> (e.g. "nsd/subj01_nativesurface_nsdgeneral.pkl"), each segment escaped.</summary>
    public string Url(string objectName) =>
        $"{Endpoint}/{Uri.EscapeDataString(Bucket)}/{string.Join('/', objectName.TrimStart('/').Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>A file of the bucket, stored under <paramref name="relativePath"/> (defaults to the object name).</summary>
    public RemoteFile File(string objectName, string? relativePath = null, long? size = null, string? sha256 = null) =>
        new(Url(objectName), relativePath ?? objectName, size, sha256);

    internal static string? Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
