using System.Collections.Concurrent;
using System.Net;
using BBScore.Data.Download;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

/// <summary>HF_TOKEN goes to the hub's files only, and a refused hub file says how to get access.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubTokenTests
{
    static readonly byte[] Onnx = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_token_is_sent_to_hub_files_and_nowhere_else()
    {
        var authorizations = new ConcurrentQueue<(string Path, string? Authorization)>();
        using var server = new LoopbackServer(ctx =>
        {
            authorizations.Enqueue((ctx.Request.Url!.AbsolutePath, ctx.Request.Headers["Authorization"]));
            return LoopbackServer.ServeBytes(ctx, Onnx);
        });
        using var dir = new TempDir();
        using var token = new EnvironmentVariableScope((HuggingFaceSource.TokenVariable, "hf_test123"));
        using var d = new Downloader(options: DownloaderTests.FastOptions);

        var hubFile = new HuggingFaceSource(server.BaseUrl + "/hf").File("Xenova/resnet-18", "onnx/model.onnx", "abc");
        d.Download(hubFile, Path.Combine(dir.Path, "model.onnx"));
        d.Download(new GcsSource(server.BaseUrl + "/gcs").File("nsd/x.pkl"), Path.Combine(dir.Path, "x.pkl"));

        Assert.Equal(Onnx, File.ReadAllBytes(Path.Combine(dir.Path, "model.onnx")));
        var seen = authorizations.ToDictionary(a => a.Path, a => a.Authorization);
        Assert.Equal("Bearer hf_test123", seen["/hf/Xenova/resnet-18/resolve/abc/onnx/model.onnx"]);
        Assert.Null(seen["/gcs/bbscore_datasets/nsd/x.pkl"]);
    }

    [Fact]
    public void A_gated_hub_file_explains_HF_TOKEN()
    {
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeText(ctx, "gated", "text/plain", (int)HttpStatusCode.Unauthorized));
        using var dir = new TempDir();
        using var token = new EnvironmentVariableScope((HuggingFaceSource.TokenVariable, null));
        using var d = new Downloader(options: DownloaderTests.FastOptions);
        var e = Assert.Throws<DownloadException>(() =>
            d.Download(new HuggingFaceSource(server.BaseUrl).File("meta/gated", "model.onnx"), Path.Combine(dir.Path, "m.onnx")));
        Assert.Contains("HF_TOKEN", e.Message);
        Assert.Single(server.Requests); // not retried
    }
}
