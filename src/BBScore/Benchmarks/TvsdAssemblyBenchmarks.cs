using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Features;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The 56 TVSD assembly-to-assembly benchmarks (run with <c>--model None</c>): one recording's
/// responses to the train images are mapped onto another's, and the mapping is scored on the test images
/// against the target's ceiling. Generated from the tables below, in the original's order:
/// <c>TVSDMonkey&lt;S&gt;&lt;area&gt;to&lt;T&gt;&lt;area&gt;</c> (32, default window), the same with the suffix
/// <c>10ms</c> (18, all cross-monkey, 10 ms bins), and both monkeys pooled area to area
/// (<c>TVSD_V1_to_V4</c> ..., 6).</summary>
public static class TvsdAssemblyBenchmarks
{
    /// <summary>Source → target pairs as "&lt;monkey&gt;&lt;area&gt;&gt;&lt;monkey&gt;&lt;area&gt;", e.g. "FV1&gt;NV4".</summary>
    static readonly string[] DefaultPairs =
    [
        "FV1>NV1", "NV1>FV1", "FV4>NV4", "NV4>FV4", "FIT>NIT", "NIT>FIT", "FFull>NFull", "NFull>FFull",
        "FV1>NV4", "FV1>NIT", "FV1>FV4", "FV1>FIT", "FV4>NV1", "FV4>NIT", "FV4>FV1", "FV4>FIT",
        "FIT>FV1", "FIT>FV4", "FIT>NV1", "FIT>NV4", "NV1>NV4", "NV1>NIT", "NV1>FV4", "NV1>FIT",
        "NV4>NV1", "NV4>NIT", "NV4>FV1", "NV4>FIT", "NIT>FV1", "NIT>FV4", "NIT>NV1", "NIT>NV4",
    ];

    static readonly string[] TenMsPairs =
    [
        "FV1>NV1", "NV1>FV1", "FV4>NV4", "NV4>FV4", "FIT>NIT", "NIT>FIT", "FV1>NV4", "FV1>NIT", "FV4>NV1",
        "FV4>NIT", "FIT>NV1", "FIT>NV4", "NV1>FV4", "NV1>FIT", "NV4>FV1", "NV4>FIT", "NIT>FV1", "NIT>FV4",
    ];

    static readonly (TvsdArea Source, TvsdArea Target)[] PooledPairs =
        [(TvsdArea.V1, TvsdArea.V4), (TvsdArea.V1, TvsdArea.IT), (TvsdArea.V4, TvsdArea.IT)];

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
    [
        .. DefaultPairs.Select(p => CrossMonkey(p, TvsdBins.Default)),
        .. TenMsPairs.Select(p => CrossMonkey(p, TvsdBins.TenMs)),
        .. PooledPairs.Select(p => Pooled(p.Source, p.Target, TvsdBins.Default)),
        .. PooledPairs.Select(p => Pooled(p.Source, p.Target, TvsdBins.TenMs)),
    ];

    static BenchmarkSpec CrossMonkey(string pair, TvsdBins bins)
    {
        var (source, target) = pair.Split('>') is [var s, var t] ? (Parse(s, bins), Parse(t, bins))
            : throw new InvalidOperationException($"Bad TVSD pair '{pair}'.");
        string name = $"TVSDMonkey{pair.Replace(">", "to")}" + (bins == TvsdBins.TenMs ? "10ms" : "");
        return Create(name, source, target);
    }

    static BenchmarkSpec Pooled(TvsdArea source, TvsdArea target, TvsdBins bins) =>
        Create($"TVSD_{source}_to_{target}" + (bins == TvsdBins.TenMs ? "_10ms" : ""),
               TvsdRecording.Pooled(source, bins), TvsdRecording.Pooled(target, bins));

    /// <summary>"FV1" → monkey F, area V1.</summary>
    static TvsdRecording Parse(string code, TvsdBins bins) =>
        TvsdRecording.Single(code[0] == 'F' ? TvsdMonkey.F : TvsdMonkey.N, Enum.Parse<TvsdArea>(code[1..]), bins);

    static BenchmarkSpec Create(string name, TvsdRecording source, TvsdRecording target) => new(
        Name: name,
        Aliases: [],
        Family: TvsdBenchmarks.Family,
        Kind: BenchmarkKind.AssemblyToAssembly,
        Description: $"{source.ClassName} -> {target.ClassName}: maps one recording onto the other on the THINGS train images, " +
                     "scores on the test images; run with --model None.",
        SuggestedMetric: target.Bins == TvsdBins.TenMs ? "temporal_ridge" : "ridge",
        Load: _ => throw new NotSupportedException($"'{name}' is an assembly-to-assembly benchmark: run it with --model None."))
    {
        LoadAssemblyPair = (home, progress, offline) => LoadPair(home, progress, source, target, offline: offline),
        Fetch = (home, progress, offline) => TvsdBenchmarks.Fetch(home, progress, source.Bins, offline: offline, stimuli: false),
        Size = new BenchmarkSize(TvsdBenchmarks.TrainImages, TvsdBenchmarks.TestImages, target.TargetsPerStimulus),
    };

    /// <summary>Downloads the binning's archive if missing (source and target share it) and reads both recordings. A 10 ms source is given
    /// to metrics as (images, units × 18) features.</summary>
    public static AssemblyPairData LoadPair(DataHome home, IProgressSink progress, TvsdRecording source, TvsdRecording target,
                                            TvsdFiles? files = null, DownloadOptions? options = null, bool offline = false)
    {
        files ??= new TvsdFiles();
        string dir = source.EnsureFolder(home, progress, files, options, offline);
        var from = source.Read(dir, progress);
        var to = target.Read(dir, progress);
        return new AssemblyPairData(source.ClassName, Features(from.Train), Features(from.Test), to.Train, to.Test, to.Ceiling,
                                    PairHash(source.ContentHash(dir), target.ContentHash(dir)), to.UnitShape);
    }

    static string PairHash(string source, string target) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"source={source}\ntarget={target}\n")));

    static FeatureTensor Features(double[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new float[(long)rows * cols];
        int i = 0;
        foreach (double v in values) data[i++] = (float)v;
        return new FeatureTensor(data, [rows, cols]);
    }
}
