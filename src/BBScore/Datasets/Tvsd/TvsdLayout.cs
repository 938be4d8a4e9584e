using BBScore.Data.Archives;

namespace BBScore.Datasets.Tvsd;

/// <summary>Finds a monkey's <c>THINGS_normMUA.mat</c> inside an unpacked assembly archive. The zips'
/// internal layout is not documented (the folder may or may not repeat <c>defaultBins/</c> or
/// <c>10msBins/</c> at the top), so the expected tail of the path (<c>&lt;monkey&gt;/THINGS_normMUA.mat</c>
/// or <c>&lt;t&gt;/&lt;monkey&gt;/THINGS_normMUA.mat</c>) is searched for under the extraction folder.</summary>
internal static class TvsdLayout
{
    public const string MuaFileName = "THINGS_normMUA.mat";

    /// <summary>The unpacked folder of <paramref name="bins"/> under the assembly dataset folder.</summary>
    public static string ExtractionDir(string assemblyDatasetDir, TvsdBins bins) =>
        Path.Combine(assemblyDatasetDir, bins.ArchiveBaseName());

    /// <summary>Relative tail that identifies the file: <c>monkeyF/THINGS_normMUA.mat</c>, or
    /// <c>25/monkeyF/THINGS_normMUA.mat</c> for a 10 ms bin.</summary>
    public static string Tail(TvsdMonkey monkey, int? timeBin) =>
        timeBin is int t ? $"{t}/{monkey.FolderName()}/{MuaFileName}" : $"{monkey.FolderName()}/{MuaFileName}";

    /// <summary>Every <c>THINGS_normMUA.mat</c> under <paramref name="extractionDir"/>, relative with '/'.
    /// Listed once per load (at most 36 files in the real archives).</summary>
    public static IReadOnlyList<string> List(string extractionDir, TvsdBins bins)
    {
        if (!Directory.Exists(extractionDir))
            throw new DirectoryNotFoundException(
                $"TVSD {bins.ArchiveBaseName()} folder {extractionDir} does not exist: fetch the assembly first " +
                $"({bins.ArchiveBaseName()}.zip, e.g. with `bbscore download`).");
        return Directory.EnumerateFiles(extractionDir, MuaFileName, SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(extractionDir, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The file whose path ends with <see cref="Tail"/> (the shortest such path, if several);
    /// an error listing what was found when none does.</summary>
    public static string Find(string extractionDir, IReadOnlyList<string> found, TvsdBins bins, TvsdMonkey monkey, int? timeBin)
    {
        string tail = Tail(monkey, timeBin);
        string? match = found
            .Where(p => p == tail || p.EndsWith("/" + tail, StringComparison.Ordinal))
            .OrderBy(p => p.Length)
            .FirstOrDefault();
        if (match is not null) return Path.Combine(extractionDir, match);
        string listing = found.Count == 0 ? "no THINGS_normMUA.mat at all"
            : string.Join(", ", found.Take(20)) + (found.Count > 20 ? $", ... ({found.Count} in all)" : "");
        string incomplete = ArchiveExtractor.IsExtracted(extractionDir) ? ""
            : " The folder has no extraction marker, so unpacking may not have finished: delete it and fetch again.";
        throw new FileNotFoundException(
            $"TVSD {bins.ArchiveBaseName()}: no file ending in {tail} under {extractionDir} (found: {listing}).{incomplete}",
            Path.Combine(extractionDir, tail));
    }
}
