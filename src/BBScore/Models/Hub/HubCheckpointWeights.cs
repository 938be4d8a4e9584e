using System.Net;
using System.Text.Json;
using BBScore.Data.Download;

namespace BBScore.Models.Hub;

/// <summary>The file formats a Hugging Face repository publishes its weights in.</summary>
public enum HubWeightsFormat { Safetensors, TorchPickle }

/// <summary>A hub repository's published weights on disk: one file, or the shards an index names.</summary>
public sealed record HubCheckpointWeights(HubWeightsFormat Format, IReadOnlyList<string> Paths)
{
    /// <summary>The layouts transformers' <c>from_pretrained</c> looks for, in its order: one safetensors file, sharded
    /// safetensors (<c>model.safetensors.index.json</c>), then the PyTorch pickles (<c>pytorch_model.bin</c>, sharded).</summary>
    static readonly (string Entry, HubWeightsFormat Format, bool Sharded)[] Layouts =
    [
        ("model.safetensors", HubWeightsFormat.Safetensors, false),
        ("model.safetensors.index.json", HubWeightsFormat.Safetensors, true),
        ("pytorch_model.bin", HubWeightsFormat.TorchPickle, false),
        ("pytorch_model.bin.index.json", HubWeightsFormat.TorchPickle, true),
    ];

    /// <summary>Every layout's entry file, for messages.</summary>
    public static string Candidates => string.Join(", ", Layouts.Select(l => l.Entry));

    /// <summary>Downloads the first layout the repository has; returns the files fetched, the entry first. The card's
    /// file (<c>model.safetensors</c>) is asked for first; a 404 moves on to the next layout.</summary>
    public static IReadOnlyList<string> Fetch(Downloader downloader, HuggingFaceSource hub, HubModelFiles files, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var (entry, _, sharded) in Layouts)
        {
            string target = files.InRevisionDir(entry);
            try { downloader.Download(hub.File(files.Repo, entry, files.Revision), target, ct, $"{files.Key} {entry}"); }
            catch (DownloadException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                missing.Add(e.Url);
                continue;
            }
            var fetched = new List<string> { target };
            if (!sharded) return fetched;
            foreach (string shard in ShardNames(target))
            {
                string shardTarget = files.InRevisionDir(shard); // refuses a shard name that leaves the folder
                downloader.Download(hub.File(files.Repo, shard, files.Revision), shardTarget, ct, $"{files.Key} {shard}");
                fetched.Add(shardTarget);
            }
            return fetched;
        }
        throw new DownloadException(
            $"{files.Key}: the hub repository {files.Repo}@{files.Revision} publishes none of {Candidates} " +
            $"(asked {string.Join(", ", missing)}); the repository may have moved or need a token (HF_TOKEN).",
            missing[0], HttpStatusCode.NotFound);
    }

    /// <summary>The weights as fetched into <paramref name="files"/>' revision folder (the first layout present).</summary>
    public static HubCheckpointWeights Locate(HubModelFiles files)
    {
        foreach (var (entry, format, sharded) in Layouts)
        {
            string path = files.InRevisionDir(entry);
            if (!File.Exists(path)) continue;
            return new HubCheckpointWeights(format, sharded ? ShardNames(path).Select(files.InRevisionDir).ToList() : [path]);
        }
        throw new FileNotFoundException(
            $"{files.Key}: none of {Candidates} is in {files.RevisionDir}; run 'bbscore download --model {files.Key}' to fetch them.");
    }

    /// <summary>The distinct shard files of an index's <c>weight_map</c>, in the order they first appear.</summary>
    public static IReadOnlyList<string> ShardNames(string indexPath)
    {
        var info = new FileInfo(indexPath);
        if (info.Length > Formats.ReadLimits.MaxJsonBytes)
            throw new InvalidDataException($"{indexPath}: a {info.Length}-byte shard index is larger than any published one; the file is damaged.");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("weight_map", out var map)
                || map.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{indexPath}: the shard index has no 'weight_map' object.");
            var shards = new List<string>();
            foreach (var entry in map.EnumerateObject())
            {
                string shard = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()!
                    : throw new InvalidDataException($"{indexPath}: weight_map['{entry.Name}'] is not a file name.");
                if (!shards.Contains(shard, StringComparer.Ordinal)) shards.Add(shard);
            }
            return shards.Count > 0 ? shards : throw new InvalidDataException($"{indexPath}: the shard index's weight_map is empty.");
        }
        catch (JsonException e) { throw new InvalidDataException($"{indexPath}: the shard index is not valid JSON ({e.Message}).", e); }
    }
}
