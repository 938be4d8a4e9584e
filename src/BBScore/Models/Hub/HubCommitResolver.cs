using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BBScore.Data.Download;

namespace BBScore.Models.Hub;

/// <summary>Looks up the commit a branch (or tag) of a hub repository points at now, the way the Hugging Face
/// tools do: a HEAD of the file's <c>resolve/&lt;branch&gt;/&lt;file&gt;</c> URL, whose answer carries the commit in
/// <c>X-Repo-Commit</c> (redirects are not followed: the hub puts the header on its own 302, the CDN it points to
/// does not). A server without that header (some mirrors) is asked
/// <c>GET /api/models/&lt;repo&gt;/revision/&lt;branch&gt;</c>, whose JSON has the commit as <c>sha</c>.
/// <c>HF_ENDPOINT</c> and <c>HF_TOKEN</c> apply as for downloads (through <see cref="HuggingFaceSource"/>).</summary>
public sealed class HubCommitResolver(HuggingFaceSource hub, HttpMessageHandler? handler = null) : IDisposable
{
    public const string CommitHeader = "X-Repo-Commit";
    const int MaxRelativeRedirects = 3;

    readonly HttpClient _http = CreateClient(handler);

    /// <summary>The commit, or null with why not (for the warning that falls back to the branch).</summary>
    public (string? Commit, string Problem) Resolve(string repo, string branch, string file, CancellationToken ct = default)
    {
        string fileUrl = hub.Url(repo, file, branch);
        string apiUrl = $"{hub.Endpoint}/api/models/{EscapeRepo(repo)}/revision/{Uri.EscapeDataString(branch)}";
        string problem;
        try
        {
            if (HeaderCommit(fileUrl, ct) is { } commit) return (commit, "");
            problem = $"{fileUrl} carries no {CommitHeader} header";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            problem = $"{fileUrl} could not be asked ({e.Message})";
        }
        try
        {
            if (ApiCommit(apiUrl, ct) is { } commit) return (commit, "");
            problem += $" and {apiUrl} names no commit";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException && !ct.IsCancellationRequested)
        {
            problem += $" and {apiUrl} failed ({e.Message})";
        }
        return (null, problem);
    }

    string? HeaderCommit(string url, CancellationToken ct)
    {
        var uri = new Uri(url);
        for (int hop = 0; ; hop++)
        {
            using var response = Send(HttpMethod.Head, uri, ct);
            if (response.Headers.TryGetValues(CommitHeader, out var values) && values.FirstOrDefault()?.Trim() is { } commit && HubRevision.IsCommit(commit))
                return commit.ToLowerInvariant();
            // The hub answers a renamed repository with a relative redirect to its new name; follow only those.
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { IsAbsoluteUri: false } next && hop < MaxRelativeRedirects)
            {
                uri = new Uri(uri, next);
                continue;
            }
            return null;
        }
    }

    string? ApiCommit(string url, CancellationToken ct)
    {
        using var response = Send(HttpMethod.Get, new Uri(url), ct);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        using var json = JsonDocument.Parse(response.Content.ReadAsStream(ct));
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("sha", out var sha)
            && sha.ValueKind == JsonValueKind.String && sha.GetString() is { } commit && HubRevision.IsCommit(commit)
            ? commit.ToLowerInvariant() : null;
    }

    HttpResponseMessage Send(HttpMethod method, Uri uri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (HuggingFaceSource.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.Send(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    static HttpClient CreateClient(HttpMessageHandler? handler)
    {
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(30); // a lookup is small; a hung mirror falls back instead of stalling
        http.DefaultRequestHeaders.UserAgent.ParseAdd("BBScore.NET/0.1");
        return http;
    }

    static string EscapeRepo(string repo) => string.Join('/', repo.Split('/').Select(Uri.EscapeDataString));

    public void Dispose() => _http.Dispose();
}
