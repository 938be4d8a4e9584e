using System.Text;
using BBScore.Data.Archives;
using BBScore.Progress;

namespace BBScore.Data.Download;

/// <summary>Makes a <see cref="DatasetManifest"/> available under the data home: downloads what is
/// missing, then unpacks its archives. Offline, it downloads nothing and fails fast with the list of
/// missing files, their URLs and where to put them.</summary>
public sealed class DatasetFetcher(DataHome home, Downloader downloader, IProgressSink? progress = null)
{
    readonly IProgressSink _progress = progress ?? SilentProgress.Instance;

    /// <summary>Ensures every file (and extracted archive) is on disk; returns the dataset folder.</summary>
    public string EnsureAvailable(DatasetManifest manifest, bool offline = false, CancellationToken ct = default)
    {
        string dir = manifest.DirectoryIn(home);
        var missing = Missing(manifest);
        if (missing.Count > 0 && offline) throw Unavailable(manifest, dir, missing);

        long total = missing.Sum(f => f.Size ?? 0);
        bool sizesKnown = missing.All(f => f.Size is not null);
        if (missing.Count > 0)
            _progress.Info($"{manifest.Name}: downloading {missing.Count} file(s)" +
                           (sizesKnown ? $", {total / (1024.0 * 1024.0):F1} MiB in total" : "") + $" to {dir}.");
        long done = 0;
        for (int i = 0; i < missing.Count; i++)
        {
            var file = missing[i];
            string label = $"[{i + 1}/{missing.Count}] {file.RelativePath}";
            downloader.Download(file, file.DestinationIn(dir), ct, label);
            done += file.Size ?? 0;
            if (sizesKnown && missing.Count > 1)
                _progress.Info($"{manifest.Name}: {i + 1}/{missing.Count} files, {done / (1024.0 * 1024.0):F1}/{total / (1024.0 * 1024.0):F1} MiB.");
        }

        foreach (var archive in manifest.ArchiveEntries)
        {
            ct.ThrowIfCancellationRequested();
            string target = ResolveIn(dir, archive.TargetPath);
            if (ArchiveExtractor.IsExtracted(target)) continue;
            _progress.Info($"{manifest.Name}: extracting {archive.ArchivePath} to {target}.");
            string archivePath = ResolveIn(dir, archive.ArchivePath);
            // An archive that does not unpack is a damaged download: moved aside, fetched again next run.
            DamagedDataFile.Read(archivePath, () => ArchiveExtractor.Extract(archivePath, target, archive.Password, _progress));
        }
        return dir;
    }

    /// <summary><see cref="EnsureAvailable"/> for several manifests; offline, every missing file of all of them is
    /// reported in one error (not only the first manifest's). Returns the dataset folders in order.</summary>
    public IReadOnlyList<string> EnsureAllAvailable(IReadOnlyList<DatasetManifest> manifests, bool offline = false, CancellationToken ct = default)
    {
        if (offline)
        {
            var errors = new List<DatasetUnavailableException>();
            foreach (var manifest in manifests)
            {
                var missing = Missing(manifest);
                if (missing.Count > 0) errors.Add(Unavailable(manifest, manifest.DirectoryIn(home), missing));
            }
            if (errors.Count == 1) throw errors[0];
            if (errors.Count > 1)
                throw new DatasetUnavailableException(string.Join("\n", errors.Select(e => e.Message)), errors.SelectMany(e => e.Missing).ToArray());
        }
        return manifests.Select(m => EnsureAvailable(m, offline, ct)).ToArray();
    }

    /// <summary>Files not on disk. An archive whose extraction is complete counts as present even if
    /// the archive itself was deleted to save space.</summary>
    public IReadOnlyList<RemoteFile> Missing(DatasetManifest manifest)
    {
        string dir = manifest.DirectoryIn(home);
        var extracted = manifest.ArchiveEntries
            .Where(a => ArchiveExtractor.IsExtracted(ResolveIn(dir, a.TargetPath)))
            .Select(a => Normalize(a.ArchivePath))
            .ToHashSet(StringComparer.Ordinal);
        return manifest.Files
            .Where(f => !extracted.Contains(Normalize(f.RelativePath)) && !Downloader.IsComplete(f, f.DestinationIn(dir)))
            .ToList();
    }

    static string Normalize(string relative) => relative.Replace('\\', '/').TrimStart('/');

    static string ResolveIn(string dir, string relative) =>
        new RemoteFile("", relative).DestinationIn(dir);

    static DatasetUnavailableException Unavailable(DatasetManifest manifest, string dir, IReadOnlyList<RemoteFile> missing)
    {
        var text = new StringBuilder();
        text.Append(CultureInfoInvariant($"Dataset '{manifest.Name}' is not available offline: {missing.Count} of {manifest.Files.Count} file(s) are missing from {dir}.\n"));
        text.Append("Download them (run without offline mode), or copy them into place:\n");
        foreach (var f in missing)
            text.Append("  ").Append(f.Url).Append("\n    -> ").Append(f.DestinationIn(dir)).Append('\n');
        text.Append("The data home is set by BBSCORE_HOME (or SCIKIT_LEARN_DATA).");
        return new DatasetUnavailableException(text.ToString(), missing);
    }

    static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);
}
