using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Where a checkpoint at a public URL comes from and where it is kept: the scaling models' S3 bucket
/// (<c>https://&lt;bucket&gt;.s3.&lt;region&gt;.amazonaws.com/checkpoints/&lt;id&gt;/ep100.pt</c>; with
/// <c>BBSCORE_S3_URL</c> set, the same bucket and key are read from that mirror, path style) and any other URL,
/// such as torchvision's weights at download.pytorch.org (with <see cref="MirrorVariable"/> set,
/// <c>https://host/path</c> is read from <c>&lt;mirror&gt;/host/path</c>).</summary>
public static class CheckpointDownload
{
    /// <summary>A mirror for checkpoints outside S3: <c>https://host/path</c> is fetched from <c>&lt;mirror&gt;/host/path</c>.</summary>
    public const string MirrorVariable = "BBSCORE_CHECKPOINT_URL";

    /// <summary><c>&lt;models dir&gt;/&lt;key&gt;/&lt;file name of the checkpoint&gt;</c>.</summary>
    public static string LocalPath(string modelsDir, string key, string origin) =>
        Path.Combine(modelsDir, key, Path.GetFileName(new Uri(origin).AbsolutePath));

    public static string DownloadUrl(string origin)
    {
        var uri = new Uri(origin);
        int s3 = uri.Host.IndexOf(".s3.", StringComparison.Ordinal);
        if (s3 > 0 && uri.Host.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            string? endpoint = Environment.GetEnvironmentVariable(S3Source.EndpointVariable);
            return string.IsNullOrEmpty(endpoint) ? origin : new S3Source(uri.Host[..s3], endpoint).Url(Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
        }
        string? mirror = Environment.GetEnvironmentVariable(MirrorVariable);
        return string.IsNullOrEmpty(mirror) ? origin : $"{mirror.TrimEnd('/')}/{uri.Host}{uri.AbsolutePath}";
    }

    /// <summary>The local checkpoint, downloaded first when it is not there yet (unless <paramref name="offline"/>).</summary>
    public static string Ensure(string modelsDir, string key, string origin, bool offline = false, IProgressSink? progress = null)
    {
        string path = LocalPath(modelsDir, key, origin);
        if (File.Exists(path)) return path;
        if (offline)
            throw new InvalidOperationException(
                $"{key} needs its checkpoint {origin} at {path}, and downloads are off. Run 'bbscore download --model {key}' once " +
                $"(or run without --offline; or put the file there yourself; {S3Source.EndpointVariable} or {MirrorVariable} point downloads at a mirror).");
        using var downloader = new Downloader(progress);
        downloader.Download(new RemoteFile(DownloadUrl(origin), Path.GetFileName(path)), path, label: $"{key} checkpoint");
        return path;
    }
}
