using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Nsd;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The 19 NSD shared-images benchmarks <c>NSD&lt;ROI&gt;Shared</c>, one per <see cref="NsdRoi"/>:
/// subj01's shared test images against the rep-averaged responses of the ROI's vertices of subj01,
/// subj02, subj05 and subj07 (concatenated), with per-vertex ceilings (<see cref="NsdCeiling"/>). No
/// test split, so metrics cross-validate. The four subject files are downloaded into
/// <c>&lt;datasets&gt;/NSDAssembly/</c> on first use (the original also stores subj01's file a second
/// time under NSDStimulusSet/; here the one copy serves both).</summary>
public static class NsdBenchmarks
{
    public const string Family = "NSD";

    public static IReadOnlyList<BenchmarkSpec> All { get; } = NsdRoi.All.Select(Create).ToArray();

    public static string NameOf(NsdRoi roi) => $"NSD{roi.Name}Shared";

    static BenchmarkSpec Create(NsdRoi roi) => new(
        Name: NameOf(roi),
        Aliases: [],
        Family: Family,
        Kind: BenchmarkKind.Offline,
        Description: $"NSD shared images (subj01's test split) vs fMRI of subj01/02/05/07, region {roi.Name} " +
                     $"({Describe(roi)}, inside nsdgeneral, ncsnr > {NsdVoxelSelection.DefaultNcsnrThreshold}); downloads ~GBs on first use.",
        SuggestedMetric: "ridge",
        Load: home => Load(home, roi, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, roi, progress),
        Fetch = (home, progress, offline) => Fetch(home, progress, offline: offline),
    };

    /// <summary>Makes the four subject files local (GCS, then Google Drive) and returns their paths, in subject order.</summary>
    public static string[] Fetch(DataHome home, IProgressSink progress, NsdSubjectFile? files = null,
                                 DownloadOptions? options = null, bool offline = false)
    {
        files ??= new NsdSubjectFile();
        using var downloader = new Downloader(progress, options);
        var fetcher = new DatasetFetcher(home, downloader, progress);
        if (!offline) return NsdSubjectFile.SubjectNames.Select(s => files.Ensure(home, s, fetcher, offline: false, progress)).ToArray();

        // Offline: report every missing subject file at once, not only the first.
        var paths = new List<string>();
        var missing = new List<DatasetUnavailableException>();
        foreach (string subject in NsdSubjectFile.SubjectNames)
        {
            try { paths.Add(files.Ensure(home, subject, fetcher, offline: true, progress)); }
            catch (DatasetUnavailableException e) { missing.Add(e); }
        }
        if (missing.Count == 1) throw missing[0];
        if (missing.Count > 1)
            throw new DatasetUnavailableException(
                $"{missing.Count} NSD subject files are missing (offline mode):\n" + string.Join("\n", missing.Select(e => e.Message)),
                missing.SelectMany(e => e.Missing).ToArray());
        return paths.ToArray();
    }

    static string Describe(NsdRoi roi) => roi.Rule switch
    {
        NsdRoiRule.PrfVisualRoisContains => $"prf-visualrois label contains '{roi.Label}'",
        NsdRoiRule.StreamsContains => $"streams label contains '{roi.Label}'",
        _ => $"streams label is exactly '{roi.Label}'",
    };

    /// <summary>Downloads what is missing (GCS, then Google Drive), then builds the stimuli and targets.
    /// <paramref name="files"/> and <paramref name="options"/> replace the sources and download settings (tests, mirrors).</summary>
    public static BenchmarkData Load(DataHome home, NsdRoi roi, IProgressSink progress, NsdSubjectFile? files = null,
                                     DownloadOptions? options = null, bool offline = false)
    {
        string[] paths = Fetch(home, progress, files, options, offline);

        NsdStimulusSet? stimuli = null;
        IEnumerable<NsdSubjectData> Subjects()
        {
            for (int i = 0; i < paths.Length; i++)
            {
                string subject = NsdSubjectFile.SubjectNames[i];
                progress.Info($"NSD {subject}: reading {paths[i]}");
                var data = DamagedDataFile.Read(paths[i], () => NsdSubjectData.Load(subject, paths[i]));
                if (i == 0) stimuli = NsdStimulusSet.FromSubject(data);
                yield return data;
            }
        }
        var assembly = NsdAssembly.Build(Subjects(), roi);
        progress.Info($"{NameOf(roi)}: {assembly.ImageCount} images x {assembly.UnitCount} vertices " +
                      $"({string.Join(", ", assembly.Subjects.Zip(assembly.UnitsPerSubject, (s, n) => $"{s} {n}"))}).");
        return new BenchmarkData(stimuli ?? throw new InvalidOperationException("subj01's images were not read."),
                                 assembly.Targets, Ceiling: assembly.Ceiling, CompatCeiling: assembly.Ncsnr)
        { UnitsPerSubject = assembly.UnitsPerSubject };
    }
}
