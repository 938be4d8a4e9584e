using System.Net;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>A loopback stand-in for the Hugging Face hub: answers <c>/&lt;owner&gt;/&lt;name&gt;/resolve/&lt;rev&gt;/&lt;file&gt;</c>
/// for one repository (the real card <c>dinov2_base</c>'s, so tests use a real key) with the tiny PyTorch-named graph
/// at <c>onnx/model.onnx</c>, and 404 for anything else. Point <c>HF_ENDPOINT</c> at <see cref="BaseUrl"/>.</summary>
internal sealed class HubMirror : IDisposable
{
    public const string Key = "dinov2_base";
    public const string Repo = "Xenova/dinov2-base";
    public const string Graph = "onnx/model.onnx";
    public const string ExternalData = "onnx/model.onnx_data";
    public const string Config = "preprocessor_config.json";

    /// <summary>Pixels reach the graph unchanged, so activations can be checked exactly.</summary>
    public const string RawPixelsConfig = """{"do_resize": false, "do_rescale": false, "do_normalize": false}""";

    readonly LoopbackServer _server;
    readonly string _repo = Repo;

    /// <summary>A mirror of another repository: <paramref name="files"/> by repository path.</summary>
    public HubMirror(string repo, IReadOnlyDictionary<string, byte[]> files)
    {
        _repo = repo;
        foreach (var (path, bytes) in files) Files[path] = bytes;
        _server = new LoopbackServer(Serve);
    }

    /// <param name="config">The repository's preprocessor_config.json, or null for none (404).</param>
    /// <param name="externalData">Keep the weights in onnx/model.onnx_data, as exports over 2 GB do.</param>
    public HubMirror(string? config = RawPixelsConfig, bool externalData = false)
    {
        using (var build = new TempDir())
        {
            TinyPyTorchOnnx.WriteTo(build.Path, externalData: externalData);
            Files[Graph] = File.ReadAllBytes(Path.Combine(build.Path, "model.onnx"));
            if (externalData) Files[ExternalData] = File.ReadAllBytes(Path.Combine(build.Path, "model.onnx_data"));
        }
        if (config is not null) Files[Config] = System.Text.Encoding.UTF8.GetBytes(config);
        _server = new LoopbackServer(Serve);
    }

    /// <summary>Repository files by path; tests may change them (e.g. to answer with another status).</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths answered with this status instead of their bytes.</summary>
    public Dictionary<string, HttpStatusCode> Failures { get; } = new(StringComparer.Ordinal);

    public string BaseUrl => _server.BaseUrl;

    public int TotalRequests => _server.Requests.Count;

    /// <summary>Requests for exactly this repository file (a prefix match would count model.onnx_data as model.onnx).</summary>
    public int Requests(string file) => _server.Requests.Count(r => r.PathAndQuery == UrlPath(file, repo: _repo));

    public static string UrlPath(string file, string revision = "main", string repo = Repo) => $"/{repo}/resolve/{revision}/{file}";

    Task Serve(HttpListenerContext ctx)
    {
        string path = ctx.Request.Url!.AbsolutePath;
        string prefix = UrlPath("", repo: _repo);
        if (path.StartsWith(prefix, StringComparison.Ordinal))
        {
            string file = path[prefix.Length..];
            if (Failures.TryGetValue(file, out var status)) return LoopbackServer.ServeText(ctx, "refused", "text/plain", (int)status);
            if (Files.TryGetValue(file, out var bytes)) return LoopbackServer.ServeBytes(ctx, bytes);
        }
        return LoopbackServer.ServeText(ctx, "Entry not found", "text/plain", (int)HttpStatusCode.NotFound);
    }

    public void Dispose() => _server.Dispose();
}
