using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace BBScore.Data.Download;

/// <summary>One object of an S3 listing.</summary>
public sealed record S3Object(string Key, long Size, string ETag);

/// <summary>Public S3 buckets (e.g. OpenNeuro's <c>openneuro.org</c>) over anonymous HTTPS, with no
/// AWS SDK: objects are <c>https://&lt;bucket&gt;.s3.amazonaws.com/&lt;key&gt;</c> and prefixes are
/// expanded with ListObjectsV2 (<c>?list-type=2&amp;prefix=..&amp;continuation-token=..</c>).
/// An endpoint given to the constructor or in <c>BBSCORE_S3_URL</c> is used path-style:
/// <c>&lt;endpoint&gt;/&lt;bucket&gt;/&lt;key&gt;</c> (how MinIO and most mirrors serve buckets).</summary>
public sealed class S3Source
{
    public const string EndpointVariable = "BBSCORE_S3_URL";

    public S3Source(string bucket, string? endpoint = null)
    {
        Bucket = bucket;
        endpoint ??= GcsSource.Env(EndpointVariable);
        BucketUrl = endpoint is null
            ? $"https://{bucket}.s3.amazonaws.com"
            : $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(bucket)}";
    }

    public string Bucket { get; }

    /// <summary>Base URL of the bucket, without a trailing slash.</summary>
    public string BucketUrl { get; }

    public string Url(string key) => $"{BucketUrl}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>All objects under <paramref name="prefix"/>, following pagination.</summary>
    public async Task<IReadOnlyList<S3Object>> ListAsync(HttpClient http, string prefix, CancellationToken ct = default)
    {
        var result = new List<S3Object>();
        string? token = null;
        do
        {
            string url = $"{BucketUrl}/?list-type=2&prefix={Uri.EscapeDataString(prefix)}";
            if (token is not null) url += "&continuation-token=" + Uri.EscapeDataString(token);
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DownloadException(
                    $"Listing s3://{Bucket}/{prefix} ({url}) failed with HTTP {(int)response.StatusCode} ({response.StatusCode})" +
                    (response.StatusCode is HttpStatusCode.Forbidden
                        ? ": the bucket does not allow anonymous listing."
                        : ". Check the bucket name, the prefix, or BBSCORE_S3_URL."),
                    url, response.StatusCode);
            string xml = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            token = ParsePage(xml, result);
        } while (token is not null);
        return result;
    }

    /// <summary>Parses one ListObjectsV2 page into <paramref name="into"/>; returns the next continuation token, if truncated.</summary>
    public static string? ParsePage(string xml, List<S3Object> into)
    {
        var root = XDocument.Parse(xml).Root ?? throw new FormatException("Empty S3 listing.");
        string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value;
        foreach (var c in root.Elements().Where(e => e.Name.LocalName == "Contents"))
        {
            string key = Child(c, "Key") ?? throw new FormatException("S3 listing entry without <Key>.");
            long size = long.Parse(Child(c, "Size") ?? "0", CultureInfo.InvariantCulture);
            into.Add(new S3Object(key, size, (Child(c, "ETag") ?? "").Trim('"')));
        }
        bool truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        return truncated ? Child(root, "NextContinuationToken") ?? throw new FormatException("Truncated S3 listing without <NextContinuationToken>.") : null;
    }

    /// <summary>The files under <paramref name="prefix"/> as RemoteFiles stored under
    /// <paramref name="relativeRoot"/>, keeping their paths relative to the prefix. Folder
    /// placeholder keys (ending in '/') are skipped.</summary>
    public async Task<IReadOnlyList<RemoteFile>> ExpandPrefixAsync(HttpClient http, string prefix, string relativeRoot,
                                                                  CancellationToken ct = default)
    {
        var objects = await ListAsync(http, prefix, ct).ConfigureAwait(false);
        return objects.Where(o => !o.Key.EndsWith('/')).Select(o => FileUnder(prefix, relativeRoot, o.Key, o.Size)).ToList();
    }

    /// <summary>The object <paramref name="key"/> (under <paramref name="prefix"/>) as a file stored under
    /// <paramref name="relativeRoot"/>, at its path relative to the prefix, with its listed size.</summary>
    public RemoteFile FileUnder(string prefix, string relativeRoot, string key, long size) =>
        new(Url(key), CombineRelative(relativeRoot, key[prefix.Length..].TrimStart('/')), size);

    static string CombineRelative(string root, string rest) =>
        root.Length == 0 ? rest : root.TrimEnd('/') + "/" + rest;
}
