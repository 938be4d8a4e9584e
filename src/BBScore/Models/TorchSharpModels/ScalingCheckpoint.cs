using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Where a scaling model's checkpoint comes from and where it is kept. The original reads
/// <c>https://&lt;bucket&gt;.s3.&lt;region&gt;.amazonaws.com/checkpoints/&lt;id&gt;/ep100.pt</c>; with
/// <c>BBSCORE_S3_URL</c> set, the same bucket and key are read from that mirror (path style).</summary>
public static class ScalingCheckpoint
{
    /// <summary><c>&lt;models dir&gt;/&lt;key&gt;/&lt;file name of the checkpoint&gt;</c>.</summary>
    public static string LocalPath(string modelsDir, string key, string origin) =>
        Path.Combine(modelsDir, key, Path.GetFileName(new Uri(origin).AbsolutePath));

    public static string DownloadUrl(string origin)
    {
        var uri = new Uri(origin);
        string? endpoint = Environment.GetEnvironmentVariable(S3Source.EndpointVariable);
        if (string.IsNullOrEmpty(endpoint)) return origin;
        int s3 = uri.Host.IndexOf(".s3.", StringComparison.Ordinal);
        if (s3 <= 0) throw new ArgumentException($"{origin} is not a virtual-hosted S3 URL (<bucket>.s3.<region>.amazonaws.com).", nameof(origin));
        return new S3Source(uri.Host[..s3], endpoint).Url(Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
    }

    /// <summary>The local checkpoint, downloaded first when it is not there yet (unless <paramref name="offline"/>).</summary>
    public static string Ensure(string modelsDir, string key, string origin, bool offline = false, IProgressSink? progress = null)
    {
        string path = LocalPath(modelsDir, key, origin);
        if (File.Exists(path)) return path;
        if (offline)
            throw new InvalidOperationException(
                $"{key} needs its checkpoint {origin} at {path}, and downloads are off. Run without offline mode once " +
                $"(or put the file there yourself; BBSCORE_S3_URL points downloads at a mirror).");
        using var downloader = new Downloader(progress);
        downloader.Download(new RemoteFile(DownloadUrl(origin), Path.GetFileName(path)), path, label: $"{key} checkpoint");
        return path;
    }
}
