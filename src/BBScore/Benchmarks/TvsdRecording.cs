using System.Security.Cryptography;
using System.Text;
using BBScore.Data;
using BBScore.Data.Archives;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>One TVSD recording a benchmark uses: which monkeys (F first when both), which area, which
/// binning. <see cref="ClassName"/> is the original's assembly class name, which results show in place of a
/// layer when the recording is a source.</summary>
public sealed record TvsdRecording(IReadOnlyList<TvsdMonkey> Monkeys, TvsdArea Area, TvsdBins Bins)
{
    /// <summary>The ceiling's split-half seed (the original's is unseeded; ours is fixed and recorded).</summary>
    public const int CeilingSeed = 42;

    public static TvsdRecording Pooled(TvsdArea area, TvsdBins bins) => new(TvsdMonkeys.Both, area, bins);

    public static TvsdRecording Single(TvsdMonkey monkey, TvsdArea area, TvsdBins bins) => new([monkey], area, bins);

    public string ClassName =>
        "TVSDAssembly" + (Monkeys.Count == 1 ? $"Monkey{Monkeys[0]}" : "") + Area + (Bins == TvsdBins.TenMs ? "10msBins" : "");

    /// <summary>Channels per stimulus (both monkeys: the sum), times 18 for 10 ms bins.</summary>
    public long TargetsPerStimulus =>
        Monkeys.Sum(m => TvsdChannels.Range(m, Area).Count) * (Bins == TvsdBins.TenMs ? TvsdTimeBins.TenMs.Count : 1L);

    /// <summary>Reads the recording from the assembly folder (see <see cref="EnsureFolder"/>).</summary>
    public TvsdAssemblyData Read(string dir, IProgressSink progress)
    {
        progress.Info($"{ClassName}: reading {string.Join(", ", Monkeys.Select(m => m.FolderName()))} ({Bins.ArchiveBaseName()})");
        return TvsdAssembly.Load(dir, Monkeys, Area, Bins, CeilingSeed);
    }

    /// <summary>The assembly folder with this binning unpacked.</summary>
    public string EnsureFolder(DataHome home, IProgressSink progress, TvsdFiles files, DownloadOptions? options, bool offline)
    {
        using var downloader = new Downloader(progress, options);
        return files.EnsureAssembly(new DatasetFetcher(home, downloader, progress), Bins, offline);
    }

    /// <summary>Identifies the exact data: the archive's SHA-256 from its extraction marker, and what was selected.</summary>
    public string ContentHash(string assemblyDir)
    {
        string marker = Path.Combine(TvsdLayout.ExtractionDir(assemblyDir, Bins), ArchiveExtractor.MarkerName);
        string archive = File.Exists(marker) ? File.ReadAllText(marker) : "no marker";
        var text = $"tvsd recording v1\n{ClassName}\nceiling=split-half seed {CeilingSeed}\n{archive}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
