using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using BBScore.Tests.Data;

namespace BBScore.Tests.Support;

/// <summary>A folder served as a public S3 bucket on loopback, path-style (<c>&lt;base&gt;/&lt;bucket&gt;/&lt;key&gt;</c>, as
/// <c>BBSCORE_S3_URL</c> mirrors are addressed): objects by key, and ListObjectsV2 listings in pages of
/// <paramref name="pageSize"/> keys with continuation tokens. Every request path is recorded, so a test can assert
/// what a run fetched and what it never asked for.</summary>
internal sealed class LoopbackS3Bucket : IDisposable
{
    readonly LoopbackServer _server;
    readonly string _root, _bucket;
    readonly int _pageSize;

    public LoopbackS3Bucket(string root, string bucket, int pageSize = 3)
    {
        _root = Path.GetFullPath(root);
        _bucket = bucket;
        _pageSize = pageSize;
        _server = new LoopbackServer(Handle);
    }

    /// <summary>The endpoint to put in <c>BBSCORE_S3_URL</c>.</summary>
    public string Endpoint => _server.BaseUrl;

    /// <summary>Object keys fetched (listings excluded), in request order.</summary>
    public ConcurrentQueue<string> Fetched { get; } = new();

    /// <summary>Prefixes listed, in request order (one entry per page).</summary>
    public ConcurrentQueue<string> Listed { get; } = new();

    Task Handle(HttpListenerContext ctx)
    {
        string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
        string bucketPath = "/" + _bucket;
        if (!path.StartsWith(bucketPath, StringComparison.Ordinal)) return NoSuchKey(ctx);
        string key = path[bucketPath.Length..].TrimStart('/');
        if (key.Length == 0 && ctx.Request.QueryString["list-type"] == "2") return List(ctx);
        string file = Path.GetFullPath(Path.Combine(_root, key));
        if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file)) return NoSuchKey(ctx);
        Fetched.Enqueue(key);
        return LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file));
    }

    Task List(HttpListenerContext ctx)
    {
        string prefix = ctx.Request.QueryString["prefix"] ?? "";
        Listed.Enqueue(prefix);
        var keys = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        int start = int.TryParse(ctx.Request.QueryString["continuation-token"], out int token) ? token : 0;
        var page = keys.Skip(start).Take(_pageSize).ToList();
        bool truncated = start + page.Count < keys.Count;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.Append($"<Name>{SecurityElement.Escape(_bucket)}</Name><Prefix>{SecurityElement.Escape(prefix)}</Prefix><KeyCount>{page.Count}</KeyCount>");
        foreach (string k in page)
            xml.Append($"<Contents><Key>{SecurityElement.Escape(k)}</Key><Size>{new FileInfo(Path.Combine(_root, k)).Length}</Size><ETag>&quot;x&quot;</ETag></Contents>");
        xml.Append(truncated ? $"<IsTruncated>true</IsTruncated><NextContinuationToken>{start + page.Count}</NextContinuationToken>" : "<IsTruncated>false</IsTruncated>");
        xml.Append("</ListBucketResult>");
        return LoopbackServer.ServeText(ctx, xml.ToString(), "application/xml");
    }

    static Task NoSuchKey(HttpListenerContext ctx) => LoopbackServer.ServeText(ctx, "<Error><Code>NoSuchKey</Code></Error>", "application/xml", 404);

    public void Dispose() => _server.Dispose();
}
