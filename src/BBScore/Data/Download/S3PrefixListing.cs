using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BBScore.Data.Download;

/// <summary>The files under an S3 prefix, listed once (ListObjectsV2, every page) and remembered in the dataset folder
/// as <c>.listings/&lt;prefix digest&gt;.json</c>. Later runs, and <c>--offline</c> ones, take the files from that record,
/// so a run whose data are local needs no network, and an offline run can say exactly which files are missing. The
/// record is written atomically (temporary file, then rename); a damaged one is listed again.</summary>
public static class S3PrefixListing
{
    public const string FolderName = ".listings";

    sealed record Entry(string Key, long Size);

    sealed record Record(string Bucket, string Prefix, List<Entry> Objects);

    /// <summary>The objects under <paramref name="prefix"/> (folder placeholders skipped), as files stored under
    /// <paramref name="relativeRoot"/> with their paths relative to the prefix, and their sizes as S3 states them
    /// (checked on download).</summary>
    /// <param name="http">The client to list with; null (offline) uses only the saved record.</param>
    /// <param name="datasetName">For messages: the dataset the listing belongs to.</param>
    public static IReadOnlyList<RemoteFile> Resolve(S3Source s3, string prefix, string relativeRoot, string datasetDir,
                                                    string datasetName, HttpClient? http, CancellationToken ct = default)
    {
        if (TryResolve(s3, prefix, relativeRoot, datasetDir, http, ct) is { } files) return files;
        throw http is null
            ? new DatasetUnavailableException(
                $"{datasetName}: the file list of s3://{s3.Bucket}/{prefix} has not been fetched yet, so an offline run cannot know " +
                $"which files it needs. Run once without --offline (or 'bbscore download {datasetName}') to list and fetch them.", [])
            : new DatasetUnavailableException(
                $"{datasetName}: s3://{s3.Bucket}/{prefix} lists no files; the dataset layout may have changed, or {S3Source.EndpointVariable} " +
                "points to a mirror without it.", []);
    }

    /// <summary>As <see cref="Resolve"/>, but null where it would fail: offline without a saved record, or a prefix that
    /// lists no files (nothing is saved for it).</summary>
    public static IReadOnlyList<RemoteFile>? TryResolve(S3Source s3, string prefix, string relativeRoot, string datasetDir,
                                                       HttpClient? http, CancellationToken ct = default)
    {
        string path = RecordPath(datasetDir, s3.Bucket, prefix);
        var record = TryRead(path, s3.Bucket, prefix);
        if (record is null)
        {
            if (http is null) return null;
            var objects = s3.ListAsync(http, prefix, ct).GetAwaiter().GetResult();
            record = new Record(s3.Bucket, prefix, objects.Where(o => !o.Key.EndsWith('/')).Select(o => new Entry(o.Key, o.Size)).ToList());
            if (record.Objects.Count == 0) return null;
            Write(path, record);
        }
        return record.Objects.Select(o => s3.FileUnder(prefix, relativeRoot, o.Key, o.Size)).ToList();
    }

    static string RecordPath(string datasetDir, string bucket, string prefix)
    {
        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"s3://{bucket}/{prefix}")))[..16];
        return Path.Combine(datasetDir, FolderName, digest + ".json");
    }

    static Record? TryRead(string path, string bucket, string prefix)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<Record>(File.ReadAllText(path));
            // Keys outside the prefix would make paths outside the listing's folder: such a record is not ours.
            return record is { Objects: not null } && record.Bucket == bucket && record.Prefix == prefix
                   && record.Objects.All(o => o.Key is not null && o.Key.StartsWith(prefix, StringComparison.Ordinal) && o.Size >= 0)
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null; // damaged (a cut write cannot happen, but a hand edit can): listed again
        }
    }

    static void Write(string path, Record record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(record));
        File.Move(temp, path, overwrite: true);
    }
}
