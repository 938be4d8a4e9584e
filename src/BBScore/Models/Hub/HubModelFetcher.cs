using System.Net;
using BBScore.Data.Download;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using BBScore.Progress;

namespace BBScore.Models.Hub;

/// <summary>Brings a hub card's ONNX export, or its published weights (<see cref="HubCheckpointWeights"/>: one
/// safetensors file, shards, or PyTorch pickles), onto disk (see <see cref="HubModelFiles"/> for the layout): the graph,
/// the repository's <c>preprocessor_config.json</c> (a 404 is fine: the model then uses the ImageNet default) and
/// <c>config.json</c> (a 404 is fine too), then
/// the external-data files the graph names (exports over 2 GB). Each file goes through <see cref="Downloader"/>, so
/// it is resumable, atomic and locked against a second process; a stamp written last marks the set complete, and
/// a complete set is never asked for again. <c>HF_ENDPOINT</c> and <c>HF_TOKEN</c> apply through
/// <see cref="HuggingFaceSource"/>.</summary>
public sealed class HubModelFetcher(Downloader downloader, IProgressSink? progress = null, HuggingFaceSource? source = null)
{
    readonly IProgressSink _progress = progress ?? SilentProgress.Instance;

    /// <summary>Makes the files available and returns their local paths, the graph first. Offline, missing files
    /// throw <see cref="HubModelUnavailableException"/> without touching the network.</summary>
    public IReadOnlyList<string> Ensure(HubModelFiles files, bool offline = false, CancellationToken ct = default)
    {
        if (files.IsComplete) return ReadStamp(files);
        if (offline) throw new HubModelUnavailableException(files);

        // Read HF_ENDPOINT now rather than at construction, so a mirror set after start-up is honoured.
        var hub = source ?? new HuggingFaceSource();
        _progress.Info($"{files.Key}: fetching {files.Repo}@{files.Revision} {files.File} from {hub.Endpoint} to {files.RevisionDir}.");
        bool onnx = files.File.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
        var fetched = new List<string>();
        // Published weights come in several layouts (one file, shards, PyTorch pickles); an ONNX export is its graph.
        if (onnx)
        {
            downloader.Download(hub.File(files.Repo, files.File, files.Revision), files.GraphPath, ct, $"{files.Key} {files.File}");
            fetched.Add(files.GraphPath);
        }
        else
        {
            fetched.AddRange(HubCheckpointWeights.Fetch(downloader, hub, files, ct));
        }

        if (FetchConfig(files, hub, ct)) fetched.Add(files.ConfigPath);
        if (FetchModelConfig(files, hub, ct)) fetched.Add(files.ModelConfigPath);

        // An ONNX graph names its external-data files relative to its own folder (e.g. "model.onnx_data").
        var external = onnx ? OnnxModelFile.Load(files.GraphPath).WeightFiles.Skip(1).ToList() : [];
        foreach (string local in external)
        {
            string name = Path.GetRelativePath(Path.GetDirectoryName(files.GraphPath)!, local).Replace(Path.DirectorySeparatorChar, '/');
            string repoPath = files.GraphFolderInRepo.Length == 0 ? name : files.GraphFolderInRepo + "/" + name;
            string target = files.InRevisionDir(repoPath); // throws for a location that leaves the folder
            downloader.Download(hub.File(files.Repo, repoPath, files.Revision), target, ct, $"{files.Key} {repoPath}");
            fetched.Add(target);
        }
        WriteStamp(files, fetched);
        return fetched;
    }

    /// <summary>Fetches the preprocessing config into the graph's folder; false when the repository has none.</summary>
    bool FetchConfig(HubModelFiles files, HuggingFaceSource hub, CancellationToken ct) =>
        FetchOptional(files, hub, HuggingFacePreprocessorConfig.FileName, files.ConfigPath, files.NoConfigMarkerPath, ct,
            () => _progress.Info($"{files.Key}: {files.Repo} has no {HuggingFacePreprocessorConfig.FileName}; the ImageNet default preprocessing at the graph's input size is used."));

    /// <summary>Fetches the repository's <c>config.json</c> (context length of language models, frame count of
    /// clip models) into the graph's folder; false when the repository has none.</summary>
    bool FetchModelConfig(HubModelFiles files, HuggingFaceSource hub, CancellationToken ct) =>
        FetchOptional(files, hub, Text.LanguageModelConfig.FileName, files.ModelConfigPath, files.NoModelConfigMarkerPath, ct, () => { });

    /// <summary>Fetches a repository-root file that may not exist; a 404 leaves a marker so it is not asked for again.</summary>
    bool FetchOptional(HubModelFiles files, HuggingFaceSource hub, string name, string target, string missingMarker,
        CancellationToken ct, Action onMissing)
    {
        if (File.Exists(missingMarker)) return false;
        try
        {
            downloader.Download(hub.File(files.Repo, name, files.Revision), target, ct, $"{files.Key} {name}");
            return true;
        }
        catch (DownloadException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            onMissing();
            File.WriteAllText(missingMarker, e.Url + "\n");
            return false;
        }
    }

    static void WriteStamp(HubModelFiles files, IReadOnlyList<string> fetched)
    {
        // Temp file + rename: a reader never sees a half-written stamp.
        string temp = files.StampPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllLines(temp, fetched.Select(f => Path.GetRelativePath(files.RevisionDir, f).Replace(Path.DirectorySeparatorChar, '/')));
        File.Move(temp, files.StampPath, overwrite: true);
    }

    static IReadOnlyList<string> ReadStamp(HubModelFiles files) =>
        File.ReadAllLines(files.StampPath).Where(l => l.Length > 0).Select(files.InRevisionDir).ToList();
}
