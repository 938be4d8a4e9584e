using BBScore.Formats.Pickles;
using BBScore.Metrics;

namespace BBScore.Datasets.Nsd;

/// <summary>The targets of an NSD shared-images benchmark: for each subject (in order), the selected
/// vertices (<see cref="NsdVoxelSelection"/>) of lh then rh, with responses averaged over repetitions;
/// subjects concatenated along the unit axis. <see cref="Ceiling"/> is the fixed per-unit ceiling
/// (<see cref="NsdCeiling.Fixed"/> with n = that subject's repetitions), <see cref="Ncsnr"/> the raw
/// values the original divides by (<c>--compat bbscore</c>).</summary>
public sealed record NsdAssembly(
    double[,] Targets,
    double[] Ceiling,
    double[] Ncsnr,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<int> UnitsPerSubject,
    IReadOnlyList<int[]> SelectedVertices)
{
    public int ImageCount => Targets.GetLength(0);
    public int UnitCount => Targets.GetLength(1);

    /// <summary>The ceiling for <paramref name="mode"/>.</summary>
    public double[] CeilingFor(CompatMode mode) => mode == CompatMode.BBScore ? Ncsnr : Ceiling;

    /// <summary>Builds the assembly of <paramref name="roi"/> from the subjects' data, enumerated once in
    /// order (so a lazy sequence keeps only one subject file in memory).</summary>
    public static NsdAssembly Build(IEnumerable<NsdSubjectData> subjects, NsdRoi roi,
                                    double ncsnrThreshold = NsdVoxelSelection.DefaultNcsnrThreshold)
    {
        var blocks = new List<double[,]>();
        var ceiling = new List<double>();
        var ncsnr = new List<double>();
        var names = new List<string>();
        var counts = new List<int>();
        var selected = new List<int[]>();
        int images = -1;
        foreach (var s in subjects)
        {
            if (images >= 0 && s.ImageCount != images)
                throw new InvalidDataException(
                    $"NSD {s.Subject} has {s.ImageCount} shared test images but {names[0]} has {images}; the subject files do not belong together (delete them to download them again).");
            images = s.ImageCount;
            int[] keep = NsdVoxelSelection.Select(s.LhColumns, s.RhColumns, roi, ncsnrThreshold);
            int lhCount = s.LhColumns.Count;
            var block = new double[s.ImageCount, keep.Length];
            var lhRead = Reader(s.Lh);
            var rhRead = Reader(s.Rh);
            for (int u = 0; u < keep.Length; u++)
            {
                int vertex = keep[u];
                bool left = vertex < lhCount;
                var hemi = left ? s.Lh : s.Rh;
                var read = left ? lhRead : rhRead;
                int vh = left ? vertex : vertex - lhCount;
                int reps = hemi.Shape[1], width = hemi.Shape[2];
                for (int i = 0; i < s.ImageCount; i++)
                {
                    double sum = 0;
                    for (int r = 0; r < reps; r++) sum += read(((long)i * reps + r) * width + vh);
                    block[i, u] = sum / reps;
                }
                double snr = left ? s.LhColumns.Ncsnr[vh] : s.RhColumns.Ncsnr[vh];
                ncsnr.Add(snr);
                ceiling.Add(NsdCeiling.Fixed(snr, s.Trials));
            }
            blocks.Add(block);
            names.Add(s.Subject);
            counts.Add(keep.Length);
            selected.Add(keep);
        }
        if (names.Count == 0) throw new ArgumentException("An NSD assembly needs at least one subject.", nameof(subjects));
        if (ncsnr.Count == 0)
            throw new InvalidDataException(
                $"NSD region {roi.Name}: no vertex of {string.Join(", ", names)} passes the selection (nsdgeneral, ncsnr > {ncsnrThreshold}); nothing to score.");

        var targets = new double[images, ncsnr.Count];
        int offset = 0;
        foreach (var block in blocks)
        {
            int w = block.GetLength(1);
            for (int i = 0; i < images; i++)
                for (int u = 0; u < w; u++) targets[i, offset + u] = block[i, u];
            offset += w;
        }
        return new NsdAssembly(targets, ceiling.ToArray(), ncsnr.ToArray(), names, counts, selected);
    }

    static Func<long, double> Reader(NdArray array) => array.Data switch
    {
        float[] f => i => f[i],
        double[] d => i => d[i],
        _ => Widened(array.ToDoubles()),
    };

    static Func<long, double> Widened(double[] values) => i => values[i];
}
