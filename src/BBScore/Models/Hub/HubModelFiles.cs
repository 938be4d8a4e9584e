using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.Hub;

/// <summary>Where a hub card's files live on disk:
/// <c>&lt;models&gt;/hub/&lt;owner&gt;--&lt;name&gt;/&lt;revision&gt;/&lt;file path in the repo&gt;</c>, one folder per
/// revision so a re-pinned card never mixes files of two revisions. The repository's root
/// <c>preprocessor_config.json</c> is stored beside the graph (not at the root), because
/// <see cref="Onnx.OnnxFileModel"/> reads the config from the graph's folder.</summary>
public sealed class HubModelFiles
{
    /// <summary>Written last, once the graph, its config (or its recorded absence) and its external-data files are
    /// all on disk: its presence alone says "complete", without reading a graph that may be GBs.</summary>
    public const string CompleteStamp = ".bbscore-hub-complete";

    /// <summary>Written beside the graph when the repository has no preprocessor_config.json (HTTP 404), so the
    /// next open neither asks again nor treats the model as incomplete.</summary>
    public const string NoConfigMarker = ".bbscore-no-preprocessor-config";

    HubModelFiles(string key, string repo, string file, string revision, string revisionDir)
    {
        Key = key;
        Repo = repo;
        File = file;
        Revision = revision;
        RevisionDir = revisionDir;
    }

    public string Key { get; }
    public string Repo { get; }

    /// <summary>The graph's path inside the repository, '/' separated (e.g. <c>onnx/model.onnx</c>).</summary>
    public string File { get; }
    public string Revision { get; }

    /// <summary>The local mirror of the repository at <see cref="Revision"/>.</summary>
    public string RevisionDir { get; }

    public string GraphPath => InRevisionDir(File);

    /// <summary>The graph's folder inside the repository ("" at the root), for external-data file names.</summary>
    public string GraphFolderInRepo => File.Contains('/') ? File[..File.LastIndexOf('/')] : "";

    public string ConfigPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, HuggingFacePreprocessorConfig.FileName);

    public string NoConfigMarkerPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, NoConfigMarker);

    /// <summary>The repository's <c>config.json</c>, beside the graph where the feeders look for it.</summary>
    public string ModelConfigPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, Text.LanguageModelConfig.FileName);

    public string NoModelConfigMarkerPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, ".bbscore-no-config-json");

    public string StampPath => Path.Combine(RevisionDir, CompleteStamp);

    /// <summary>True when every file was fetched (the stamp) and the graph is still there.</summary>
    public bool IsComplete => System.IO.File.Exists(StampPath) && System.IO.File.Exists(GraphPath);

    /// <summary>The local file for a '/'-separated path of the repository; rejects paths that leave the folder.</summary>
    public string InRevisionDir(string repoPath) => new Data.Download.RemoteFile("", repoPath).DestinationIn(RevisionDir);

    public static HubModelFiles For(ModelCard card, string modelsDir)
    {
        if (card.Source is not { Kind: SourceKind.OnnxHub, Repo: { } repo, File: { } file })
            throw new ArgumentException($"Model '{card.Key}' is not a hub export (its source is {card.Source}).", nameof(card));
        // '--' joins owner and name as the Hugging Face cache does, so the folder name stays one path segment.
        string folder = repo.Replace("/", "--", StringComparison.Ordinal);
        string revision = card.Source.Revision;
        if (folder.Contains("..", StringComparison.Ordinal) || revision.Contains('/') || revision.Contains(".."))
            throw new ArgumentException($"Model '{card.Key}' names an unusable hub repository or revision ({repo}@{revision}).", nameof(card));
        return new HubModelFiles(card.Key, repo, file, revision, Path.Combine(Path.GetFullPath(modelsDir), "hub", folder, revision));
    }
}
