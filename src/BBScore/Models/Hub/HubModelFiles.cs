using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.Hub;

/// <summary>Where a hub card's files live on disk:
/// <c>&lt;models&gt;/hub/&lt;owner&gt;--&lt;name&gt;/&lt;revision&gt;/&lt;file path in the repo&gt;</c>, one folder per
/// revision so a re-pinned card never mixes files of two revisions. The revision folder is a commit whenever one is
/// known: the card's own commit, or the commit its branch is pinned to (<see cref="HubRevisionPin"/>); the branch's
/// name only for a branch not pinned yet, or for files fetched unpinned (before pinning existed, or from a server
/// that names no commit). The repository's root <c>preprocessor_config.json</c> is stored beside the graph (not at
/// the root), because <see cref="Onnx.OnnxFileModel"/> reads the config from the graph's folder.</summary>
public sealed class HubModelFiles
{
    /// <summary>Written last, once the graph, its config (or its recorded absence) and its external-data files are
    /// all on disk: its presence alone says "complete", without reading a graph that may be GBs.</summary>
    public const string CompleteStamp = ".bbscore-hub-complete";

    /// <summary>Written beside the graph when the repository has no preprocessor_config.json (HTTP 404), so the
    /// next open neither asks again nor treats the model as incomplete.</summary>
    public const string NoConfigMarker = ".bbscore-no-preprocessor-config";

    HubModelFiles(string key, string repo, string file, string revision, string? branch, string repoDir)
    {
        Key = key;
        Repo = repo;
        File = file;
        Revision = revision;
        Branch = branch;
        RepoDir = repoDir;
        RevisionDir = Path.Combine(repoDir, revision);
    }

    public string Key { get; }
    public string Repo { get; }

    /// <summary>The graph's path inside the repository, '/' separated (e.g. <c>onnx/model.onnx</c>).</summary>
    public string File { get; }

    /// <summary>The revision the files are fetched at (<c>resolve/&lt;Revision&gt;/…</c>): a commit, or a branch
    /// when unpinned.</summary>
    public string Revision { get; }

    /// <summary>The card's branch (or tag): the one <see cref="Revision"/> is the pinned commit of, or
    /// <see cref="Revision"/> itself when unpinned; null when the card names a commit itself.</summary>
    public string? Branch { get; }

    /// <summary>True when <see cref="Revision"/> is a commit, so the files cannot change upstream.</summary>
    public bool IsPinned => HubRevision.IsCommit(Revision);

    /// <summary>The model's folder, <c>&lt;models&gt;/hub/&lt;owner&gt;--&lt;name&gt;</c> (revision folders and pins).</summary>
    public string RepoDir { get; }

    /// <summary>The local mirror of the repository at <see cref="Revision"/>.</summary>
    public string RevisionDir { get; }

    /// <summary>"repo@commit" (or "repo@branch (unpinned)"): which bytes these are, for messages and the identity.</summary>
    public string Provenance => IsPinned ? $"{Repo}@{Revision}" : $"{Repo}@{Revision} (unpinned)";

    /// <summary><see cref="Provenance"/> with where the commit comes from, for <c>bbscore download</c>.</summary>
    public string PinDescription =>
        Branch is null ? $"{Provenance} (the card's commit)"
        : IsPinned ? $"{Provenance} ('{Branch}' pinned in {HubRevisionPin.PathFor(RepoDir, Branch)})"
        : Provenance;

    public string GraphPath => InRevisionDir(File);

    /// <summary>The graph's folder inside the repository ("" at the root), for external-data file names.</summary>
    public string GraphFolderInRepo => File.Contains('/') ? File[..File.LastIndexOf('/')] : "";

    public string ConfigPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, HuggingFacePreprocessorConfig.FileName);

    public string NoConfigMarkerPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, NoConfigMarker);

    /// <summary>The repository's <c>config.json</c>, beside the graph where the feeders look for it.</summary>
    public string ModelConfigPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, Text.LanguageModelConfig.FileName);

    public string NoModelConfigMarkerPath => Path.Combine(Path.GetDirectoryName(GraphPath)!, ".bbscore-no-config-json");

    public string StampPath => Path.Combine(RevisionDir, CompleteStamp);

    /// <summary>True when every file was fetched (the stamp) and the graph, or the published weights' entry file (the
    /// stamp's first line: <c>model.safetensors</c>, a shard index, <c>pytorch_model.bin</c>), is still there.</summary>
    public bool IsComplete
    {
        get
        {
            if (!System.IO.File.Exists(StampPath)) return false;
            if (System.IO.File.Exists(GraphPath)) return true;
            string? entry = System.IO.File.ReadLines(StampPath).FirstOrDefault(l => l.Length > 0);
            return entry is not null && System.IO.File.Exists(InRevisionDir(entry));
        }
    }

    /// <summary>The file whose answer names the branch's commit: the graph of an ONNX export; <c>config.json</c> for
    /// published weights, which every such repository has whatever layout its weights take.</summary>
    public string CommitProbeFile => File.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? File : Text.LanguageModelConfig.FileName;

    /// <summary>The local file for a '/'-separated path of the repository; rejects paths that leave the folder.</summary>
    public string InRevisionDir(string repoPath) => new Data.Download.RemoteFile("", repoPath).DestinationIn(RevisionDir);

    /// <summary>The same card's files at <paramref name="commit"/>, the branch they are pinned for kept.</summary>
    public HubModelFiles AtCommit(string commit) => HubRevision.IsCommit(commit)
        ? new(Key, Repo, File, commit.ToLowerInvariant(), Branch, RepoDir)
        : throw new ArgumentException($"'{commit}' is not a 40-hex commit.", nameof(commit));

    /// <summary>The card's files as they stand on disk, without the network: at the card's commit, at the commit its
    /// branch is pinned to, or else in the branch's folder (not pinned yet, or fetched unpinned).</summary>
    public static HubModelFiles For(ModelCard card, string modelsDir)
    {
        if (card.Source is not { IsHub: true, Repo: { } repo, File: { } file })
            throw new ArgumentException($"Model '{card.Key}' is not a hub model (its source is {card.Source}).", nameof(card));
        // '--' joins owner and name as the Hugging Face cache does, so the folder name stays one path segment.
        string folder = repo.Replace("/", "--", StringComparison.Ordinal);
        if (folder.Contains("..", StringComparison.Ordinal) || folder.Contains('\\'))
            throw new ArgumentException($"Model '{card.Key}' names an unusable hub repository ({repo}).", nameof(card));
        string revision = HubRevision.Checked(card.Source.Revision, $"Model '{card.Key}' ({repo})");
        string repoDir = Path.Combine(Path.GetFullPath(modelsDir), "hub", folder);
        if (HubRevision.IsCommit(revision)) return new HubModelFiles(card.Key, repo, file, revision, null, repoDir);
        var branchFiles = new HubModelFiles(card.Key, repo, file, revision, revision, repoDir);
        return HubRevisionPin.Read(repoDir, revision) is { } pinned ? branchFiles.AtCommit(pinned) : branchFiles;
    }
}
