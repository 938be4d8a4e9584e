using System.Globalization;
using System.Text.RegularExpressions;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Formats.Nifti;
using BBScore.Numerics.Signal;
using BBScore.Progress;

namespace BBScore.Datasets.LeBel;

/// <summary>What <c>bbscore ceiling LeBel2023 --subject S</c> computed and where it stored it.</summary>
/// <param name="Published">The published ceiling's per-voxel values for comparison; null when its voxel count differs.</param>
public sealed record LeBelCeilingResult(string Subject, int Runs, int Trs, double[] PerVoxel, double[] PerTrSpatial, string SavedPath,
                                        double[]? Published);

/// <summary>Recomputes a participant's split-half ceiling from the raw repeated-story runs, as the original's
/// <c>compute_splithalf_ceiling.py</c> does (spec §2.4): every <c>*_task-wheretheressmoke_run-*_bold.nii.gz</c> of the
/// participant's sessions, in session order; the voxels of pycortex's thick cortical mask (in the mask's C order, as
/// nilearn's masker takes them); each run cleaned as <c>NiftiMasker(detrend, zscore_sample, high_pass 1/128 Hz,
/// t_r 2 s)</c> cleans it (<see cref="TimeSeriesCleaning"/>); the runs cut to the shortest; odd against even runs
/// (<see cref="LeBelSplitHalf"/>). The result is saved beside the published file as
/// <c>lebel2023_ceiling_splithalf.&lt;S&gt;.recomputed.npz</c> (keys <c>S</c> and <c>S_per_tr_spatial</c>, float64).
/// Where the original hard-codes each participant's sessions, the runs are found by listing the participant's folder.</summary>
public static class LeBelCeilingRecompute
{
    public const double HighPassHz = 1.0 / 128;

    static readonly Regex RunName = new(
        $@"ses-(?<session>[^/_]+)/func/sub-[^/_]+_ses-[^/_]+_task-{LeBelSources.RepeatedStory}_run-(?<run>\d+)_bold\.nii\.gz$", RegexOptions.CultureInvariant);

    public static string SavedPath(DataHome home, string subject) =>
        Path.Combine(LeBelSources.DatasetDir(home), $"lebel2023_ceiling_splithalf.{subject}.recomputed.npz");

    public static LeBelCeilingResult Run(DataHome home, string subject, IProgressSink progress, bool offline = false, DownloadOptions? options = null)
    {
        if (!LeBelSubjects.All.Contains(subject))
            throw new ArgumentException($"'{subject}' is not a LeBel2023 participant; use one of {string.Join(", ", LeBelSubjects.All)}.");
        using var downloader = new Downloader(progress, options);
        var http = offline ? null : downloader.Http;
        var s3 = new S3Source(LeBelSources.Bucket);
        string dir = LeBelSources.DatasetDir(home);
        var (_, derivative) = LeBelSources.ListedRuns(home, subject, http, s3);
        var runs = S3PrefixListing.Resolve(s3, LeBelSources.RawPrefix(subject), LeBelSources.RawPrefix(subject).TrimEnd('/'), dir, LeBelSources.DatasetName, http)
            .Select(f => (File: f, Match: RunName.Match(f.RelativePath)))
            .Where(r => r.Match.Success)
            .OrderBy(r => SessionOrder(r.Match.Groups["session"].Value)).ThenBy(r => int.Parse(r.Match.Groups["run"].Value, CultureInfo.InvariantCulture))
            .Select(r => r.File)
            .ToList();
        if (runs.Count < 2)
            throw new InvalidDataException($"LeBel2023 {subject}: {runs.Count} run of '{LeBelSources.RepeatedStory}' under s3://{s3.Bucket}/{LeBelSources.RawPrefix(subject)}; " +
                                           "a split-half ceiling needs at least 2.");
        string maskKey = LeBelSources.CortexMaskKey(subject, derivative);
        var mask = new RemoteFile(s3.Url(maskKey), maskKey);
        // The published ceiling comes along, to compare with.
        new DatasetFetcher(home, downloader, progress).EnsureAvailable(
            new DatasetManifest(LeBelSources.DatasetName, [.. runs, mask, LeBelSources.Ceiling()]), offline);

        string maskPath = mask.DestinationIn(dir);
        var (shape, voxels) = DamagedDataFile.Read(maskPath, () => MaskVoxels(maskPath));
        var paths = runs.Select(r => r.DestinationIn(dir)).ToList();
        // The shortest run sets the TR count (headers only); then one run at a time is read, cleaned and added.
        int trs = paths.Min(p => DamagedDataFile.Read(p, () => TimePoints(NiftiFile.ReadHeader(p).Shape, shape, p)));
        var halves = new LeBelSplitHalf(trs, voxels.Length);
        for (int i = 0; i < paths.Count; i++)
        {
            progress.Info($"LeBel2023 {subject} ceiling: run {i + 1} of {paths.Count} ({Path.GetFileName(paths[i])})");
            var signals = DamagedDataFile.Read(paths[i], () => Masked(NiftiFile.Read(paths[i]), shape, voxels, paths[i]));
            TimeSeriesCleaning.Clean(signals, LeBelTrTexts.TrSeconds, HighPassHz);
            halves.Add(signals);
        }
        var (perVoxel, perTr) = halves.Compute();
        string saved = SavedPath(home, subject);
        BBScore.Formats.NpzFile.WriteFloat64(saved, [(subject, perVoxel), (subject + "_per_tr_spatial", perTr)]);
        var published = PublishedFor(home, subject, perVoxel.Length);
        return new LeBelCeilingResult(subject, paths.Count, trs, perVoxel, perTr, saved, published);
    }

    /// <summary>Sessions sort by number where they are numbers (ses-2 before ses-10), as the original's session lists run.</summary>
    static (int, string) SessionOrder(string session) =>
        int.TryParse(session, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? (n, "") : (int.MaxValue, session);

    /// <summary>The mask's non-zero voxels as indices into a volume's (x fastest) data, in C order over (x, y, z): the
    /// order numpy's boolean indexing, and so nilearn's masker, gives them.</summary>
    static (int[] Shape, int[] Voxels) MaskVoxels(string path)
    {
        var image = NiftiFile.Read(path);
        if (image.Shape.Length < 3 || image.Shape.Skip(3).Any(d => d != 1))
            throw new InvalidDataException($"{path}: a mask of shape ({string.Join(", ", image.Shape)}); a cortical mask is one 3-D volume.");
        int nx = image.Shape[0], ny = image.Shape[1], nz = image.Shape[2];
        var voxels = new List<int>();
        for (int x = 0; x < nx; x++)
            for (int y = 0; y < ny; y++)
                for (int z = 0; z < nz; z++)
                {
                    int index = x + nx * (y + ny * z);
                    if (image.Data[index] != 0) voxels.Add(index);
                }
        if (voxels.Count == 0) throw new InvalidDataException($"{path}: the mask selects no voxel.");
        return (image.Shape[..3], voxels.ToArray());
    }

    static int TimePoints(int[] shape, int[] maskShape, string path)
    {
        if (shape.Length != 4 || !shape[..3].SequenceEqual(maskShape))
            throw new InvalidDataException($"{path}: an image of shape ({string.Join(", ", shape)}), but the cortical mask is " +
                                           $"({string.Join(", ", maskShape)}); a run is a 4-D series on the mask's grid.");
        return shape[3];
    }

    /// <summary>The masked voxels' time series, (TRs, voxels) in float64.</summary>
    static double[,] Masked(NiftiImage image, int[] maskShape, int[] voxels, string path)
    {
        int trs = TimePoints(image.Shape, maskShape, path);
        long volume = (long)maskShape[0] * maskShape[1] * maskShape[2];
        var signals = new double[trs, voxels.Length];
        for (int t = 0; t < trs; t++)
            for (int v = 0; v < voxels.Length; v++) signals[t, v] = image.Data[t * volume + voxels[v]];
        return signals;
    }

    /// <summary>The published per-voxel ceiling, raw (unclipped), when it has as many voxels.</summary>
    static double[]? PublishedFor(DataHome home, string subject, int voxels)
    {
        string path = Path.Combine(LeBelSources.DatasetDir(home), LeBelSources.CeilingFile);
        var values = DamagedDataFile.Read(path, () => BBScore.Formats.NpzFile.Keys(path).Contains(subject)
            ? BBScore.Formats.NpzFile.Read(path, subject).ToDoubles()
            : []);
        return values.Length == voxels ? values : null;
    }
}
