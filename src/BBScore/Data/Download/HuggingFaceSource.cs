namespace BBScore.Data.Download;

/// <summary>Files of public Hugging Face hub repositories over plain HTTPS:
/// <c>https://huggingface.co/&lt;repo&gt;/resolve/&lt;revision&gt;/&lt;file&gt;</c>. The endpoint can be replaced
/// (a mirror, tests) with <c>HF_ENDPOINT</c>, the variable the Hugging Face tools themselves read; <c>HF_TOKEN</c>, when
/// set, is sent as a bearer token (gated or private repositories; public ones need none).</summary>
public sealed class HuggingFaceSource(string? endpoint = null)
{
    public const string DefaultEndpoint = "https://huggingface.co";
    public const string EndpointVariable = "HF_ENDPOINT";
    public const string TokenVariable = "HF_TOKEN";

    public string Endpoint { get; } = (endpoint ?? GcsSource.Env(EndpointVariable) ?? DefaultEndpoint).TrimEnd('/');

    /// <summary>URL of <paramref name="file"/> (e.g. "onnx/model.onnx") in <paramref name="repo"/> ("owner/name")
    /// at <paramref name="revision"/> (a branch, tag or commit; pin a commit for reproducible downloads).</summary>
    public string Url(string repo, string file, string revision = "main")
    {
        if (repo.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            throw new ArgumentException($"Hugging Face repository '{repo}' must look like 'owner/name'.", nameof(repo));
        return $"{Endpoint}/{Escape(repo)}/resolve/{Uri.EscapeDataString(revision)}/{Escape(file.TrimStart('/'))}";
    }

    /// <summary>A file of the repository, stored under <paramref name="relativePath"/> (defaults to the file's path).</summary>
    public RemoteFile File(string repo, string file, string revision = "main", string? relativePath = null, long? size = null, string? sha256 = null) =>
        new(Url(repo, file, revision), relativePath ?? file, size, sha256, RemoteSource.HuggingFace);

    /// <summary>The user's token (<c>HF_TOKEN</c>), or null.</summary>
    public static string? Token => GcsSource.Env(TokenVariable);

    static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
