using System.Collections.Concurrent;
using System.Net;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>A loopback stand-in for the Hugging Face hub: answers <c>/&lt;owner&gt;/&lt;name&gt;/resolve/&lt;rev&gt;/&lt;file&gt;</c>
/// for one repository (the real card <c>dinov2_base</c>'s, so tests use a real key) with the tiny PyTorch-named graph
/// at <c>onnx/model.onnx</c>, and 404 for anything else. Point <c>HF_ENDPOINT</c> at <see cref="BaseUrl"/>.
/// By default it knows no commits (as an old mirror): <c>main</c> is the only revision and no <c>X-Repo-Commit</c>
/// is sent. With <see cref="Commit"/> set, <c>main</c> points at that commit, answers carry it in
/// <c>X-Repo-Commit</c> (unless <see cref="SendsCommitHeader"/> is off), <c>resolve/&lt;commit&gt;/…</c> serves the
/// files, and <see cref="Push"/> moves <c>main</c> to a new commit keeping the old one's files.</summary>
internal sealed class HubMirror : IDisposable
{
    public const string Key = "dinov2_base";
    public const string Repo = "Xenova/dinov2-base";
    public const string Graph = "onnx/model.onnx";
    public const string ExternalData = "onnx/model.onnx_data";
    public const string Config = "preprocessor_config.json";
    public const string Branch = "main";

    /// <summary>Pixels reach the graph unchanged, so activations can be checked exactly.</summary>
    public const string RawPixelsConfig = """{"do_resize": false, "do_rescale": false, "do_normalize": false}""";

    readonly LoopbackServer _server;
    readonly string _repo = Repo;
    readonly Dictionary<string, Dictionary<string, byte[]>> _history = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _fileGets = new();

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

    /// <summary>Repository files by path at the head of <c>main</c>; tests may change them (e.g. to answer with another status).</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths answered with this status instead of their bytes.</summary>
    public Dictionary<string, HttpStatusCode> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>The commit <c>main</c> points at; null: the mirror knows no commits.</summary>
    public string? Commit { get; set; }

    /// <summary>Whether resolve answers carry <c>X-Repo-Commit</c> (when <see cref="Commit"/> is set).</summary>
    public bool SendsCommitHeader { get; set; } = true;

    /// <summary>Whether <c>/api/models/&lt;repo&gt;/revision/&lt;rev&gt;</c> answers (JSON with <c>sha</c>); 404 otherwise.</summary>
    public bool AnswersRevisionApi { get; set; }

    /// <summary>Answer resolve URLs as the hub does for large (LFS) files: a 302 to a CDN address (here
    /// <c>/cdn/&lt;rev&gt;/&lt;file&gt;</c>) whose answer carries no <c>X-Repo-Commit</c>; only the 302 does.</summary>
    public bool RedirectsToCdn { get; set; }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>Every request, downloads, commit look-ups and API calls alike.</summary>
    public int TotalRequests => _server.Requests.Count;

    /// <summary>Downloads (GET) of exactly this repository file at <paramref name="revision"/> (a prefix match would
    /// count model.onnx_data as model.onnx); commit look-ups (HEAD) are not downloads.</summary>
    public int Requests(string file, string revision = Branch) => _fileGets.Count(p => p == UrlPath(file, revision, _repo));

    /// <summary>Downloads (GET) of any file at <paramref name="revision"/>.</summary>
    public int RequestsAt(string revision) => _fileGets.Count(p => p.StartsWith(UrlPath("", revision, _repo), StringComparison.Ordinal));

    public static string UrlPath(string file, string revision = Branch, string repo = Repo) => $"/{repo}/resolve/{revision}/{file}";

    /// <summary>Moves <c>main</c> to <paramref name="commit"/>; the previous commit keeps serving its files, and
    /// <paramref name="change"/> edits the new head's files.</summary>
    public void Push(string commit, Action<Dictionary<string, byte[]>>? change = null)
    {
        if (Commit is not null) _history[Commit] = new Dictionary<string, byte[]>(Files, StringComparer.Ordinal);
        Commit = commit;
        change?.Invoke(Files);
    }

    Task Serve(HttpListenerContext ctx)
    {
        string path = ctx.Request.Url!.AbsolutePath;
        string api = $"/api/models/{_repo}/revision/";
        if (path.StartsWith(api, StringComparison.Ordinal))
        {
            string revision = path[api.Length..];
            return AnswersRevisionApi && Commit is not null && (revision == Branch || revision == Commit)
                ? LoopbackServer.ServeText(ctx, $$"""{"id": "{{_repo}}", "sha": "{{Commit}}"}""", "application/json")
                : NotFound(ctx);
        }
        bool cdn = path.StartsWith("/cdn/", StringComparison.Ordinal);
        string prefix = cdn ? "/cdn/" : $"/{_repo}/resolve/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path[prefix.Length..].Split('/', 2) is not [var rev, var file])
            return NotFound(ctx);
        var files = rev == Branch || rev == Commit ? Files : _history.GetValueOrDefault(rev);
        if (files is null) return NotFound(ctx); // an unknown revision
        if (cdn) return files.TryGetValue(file, out var cdnBytes) ? LoopbackServer.ServeBytes(ctx, cdnBytes) : NotFound(ctx);
        if (Commit is not null && SendsCommitHeader) ctx.Response.AddHeader("X-Repo-Commit", rev == Branch ? Commit : rev);
        if (RedirectsToCdn && files.ContainsKey(file))
        {
            if (ctx.Request.HttpMethod != "HEAD") _fileGets.Enqueue(path);
            ctx.Response.Redirect($"{BaseUrl}/cdn/{(rev == Branch && Commit is not null ? Commit : rev)}/{file}");
            return Task.CompletedTask;
        }
        if (ctx.Request.HttpMethod == "HEAD")
        {
            // Headers only, as the hub answers a commit look-up.
            ctx.Response.StatusCode = Failures.TryGetValue(file, out var headStatus) ? (int)headStatus : files.ContainsKey(file) ? 200 : 404;
            return Task.CompletedTask;
        }
        _fileGets.Enqueue(path);
        if (Failures.TryGetValue(file, out var status)) return LoopbackServer.ServeText(ctx, "refused", "text/plain", (int)status);
        return files.TryGetValue(file, out var bytes) ? LoopbackServer.ServeBytes(ctx, bytes) : NotFound(ctx);
    }

    static Task NotFound(HttpListenerContext ctx) => LoopbackServer.ServeText(ctx, "Entry not found", "text/plain", (int)HttpStatusCode.NotFound);

    public void Dispose() => _server.Dispose();
}
