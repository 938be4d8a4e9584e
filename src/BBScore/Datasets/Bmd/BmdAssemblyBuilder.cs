using BBScore.Formats.Pickles;

namespace BBScore.Datasets.Bmd;

/// <summary>One region's targets: rep-averaged responses of the kept voxels, participants concatenated along voxels.</summary>
/// <param name="Train">1,000 train clips × voxels (row-major).</param>
/// <param name="Test">102 test clips × voxels.</param>
/// <param name="NoiseCeilingPercent">The test set's noise ceiling (percent of variance) per voxel.</param>
/// <param name="VoxelsPerSubject">How many voxels each participant contributed, in order.</param>
public sealed record BmdAssemblyData(double[,] Train, double[,] Test, double[] NoiseCeilingPercent, IReadOnlyList<int> VoxelsPerSubject)
{
    /// <summary>The correlation a perfect model reaches, per voxel: sqrt(NC% / 100) (docs: DECISIONS, ceilings).</summary>
    public double[] CorrelationCeiling() => Array.ConvertAll(NoiseCeilingPercent, p => Math.Sqrt(p / 100));

    /// <summary>The original's ceiling: the variance fraction NC% / 100 (<c>--compat bbscore</c>).</summary>
    public double[] FractionCeiling() => Array.ConvertAll(NoiseCeilingPercent, p => p / 100);
}

/// <summary>Builds a region's assembly from the GLM derivatives (spec §2.3): per participant and ROI file, the voxels
/// whose train and test noise ceilings are both above zero, in the ROI file's order (voxels in two files of a region
/// are kept twice, as the original does); betas averaged over repetitions, in float64.</summary>
public static class BmdAssemblyBuilder
{
    /// <summary>A voxel is kept when its train and test noise ceilings (as fractions) both exceed this (the original's
    /// NCSNR_THRESHOLD).</summary>
    public const double NoiseCeilingThreshold = 0;

    /// <param name="read">Reads one pickle (by default <see cref="NumpyPickle.Load"/>); the benchmarks pass a reader that
    /// moves a damaged download aside so that it is fetched again.</param>
    public static BmdAssemblyData Build(string glmRoot, string region, IReadOnlyList<string> subjects, Func<string, Func<PickleValue>, PickleValue>? read = null)
    {
        var load = read ?? ((_, parse) => parse());
        if (!BmdRegions.Files.ContainsKey(region))
            throw new ArgumentException($"Unknown BMD region '{region}'; regions: {string.Join(", ", BmdRegions.Files.Keys)}.", nameof(region));
        if (subjects.Count == 0) throw new ArgumentException("No BMD participants chosen.", nameof(subjects));
        var parts = subjects.Select(s => Subject(glmRoot, new BmdSubjectFiles(s), region, load)).ToList();
        int voxels = parts.Sum(p => p.Voxels.Length);
        return new BmdAssemblyData(
            Concatenate(parts.Select(p => p.Train).ToList(), voxels),
            Concatenate(parts.Select(p => p.Test).ToList(), voxels),
            parts.SelectMany(p => p.Voxels.Select(v => p.TestCeiling[v])).ToArray(),
            parts.Select(p => p.Voxels.Length).ToArray());
    }

    sealed record SubjectPart(int[] Voxels, double[,] Train, double[,] Test, double[] TestCeiling);

    static SubjectPart Subject(string root, BmdSubjectFiles files, string region, Func<string, Func<PickleValue>, PickleValue> load)
    {
        (string Path, NdArray Array) Element(string relative, int index)
        {
            string path = System.IO.Path.Combine(root, relative);
            return (path, BmdAssemblyBuilder.Element(path, index, load));
        }
        var trainCeiling = Element(files.NoiseCeiling(true), 1).Array.ToDoubles(); // (ncsnr, noise ceiling %)
        var (testPath, testArray) = Element(files.NoiseCeiling(false), 1);
        double[] testCeiling = testArray.ToDoubles();
        if (trainCeiling.Length != testCeiling.Length)
            throw new InvalidDataException($"{testPath}: {testCeiling.Length} voxels, but the train ceiling has {trainCeiling.Length}.");
        var voxels = new List<int>();
        foreach (string roi in BmdRegions.Files[region])
            foreach (int v in RoiIndices(Element(files.Roi(roi), 1), trainCeiling.Length))
                if (trainCeiling[v] / 100 > NoiseCeilingThreshold && testCeiling[v] / 100 > NoiseCeilingThreshold) voxels.Add(v);
        var kept = voxels.ToArray();
        return new SubjectPart(kept, RepAveraged(Element(files.Betas(true), 0), kept, trainCeiling.Length),
            RepAveraged(Element(files.Betas(false), 0), kept, trainCeiling.Length), testCeiling);
    }

    /// <summary>Element [1] of the ROI pickle, flattened: voxel indices into the betas' last axis.</summary>
    static IEnumerable<int> RoiIndices((string Path, NdArray Array) roi, int voxels) =>
        roi.Array.ToDoubles().Select(v => v >= 0 && v < voxels && v == Math.Floor(v) ? (int)v
            : throw new InvalidDataException($"{roi.Path}: voxel index {v} is not one of the {voxels} voxels of the betas; the file is damaged or from another release."));

    /// <summary>Element [0] of the betas 3-tuple, (stimuli, repetitions, voxels), averaged over repetitions for the kept voxels.</summary>
    static double[,] RepAveraged((string Path, NdArray Array) file, int[] kept, int voxels)
    {
        var (path, betas) = file;
        if (betas.Shape.Length != 3 || betas.Shape[2] != voxels || betas.Shape[1] < 1)
            throw new InvalidDataException($"{path}: betas of shape ({string.Join(", ", betas.Shape)}), expected (stimuli, repetitions, {voxels}).");
        // Whole-brain betas are large (clips × repetitions × voxels): read float32 in place rather than as a float64 copy.
        Func<long, double> values;
        if (betas.Data is float[] single) values = i => single[i];
        else
        {
            var copy = betas.ToDoubles();
            values = i => copy[i];
        }
        int stimuli = betas.Shape[0], reps = betas.Shape[1];
        var result = new double[stimuli, kept.Length];
        for (int s = 0; s < stimuli; s++)
            for (int k = 0; k < kept.Length; k++)
            {
                double sum = 0;
                for (int r = 0; r < reps; r++) sum += values(((long)s * reps + r) * voxels + kept[k]);
                result[s, k] = sum / reps;
            }
        return result;
    }

    static NdArray Element(string path, int index, Func<string, Func<PickleValue>, PickleValue> load)
    {
        var value = load(path, () => NumpyPickle.Load(path));
        if (value is not PickleList { Kind: PickleListKind.Tuple or PickleListKind.List } tuple || tuple.Count <= index)
            throw new InvalidDataException($"{path}: expected a tuple with at least {index + 1} elements, found {value.Describe()}.");
        return tuple.Items[index] is NdArray array ? array
            : throw new InvalidDataException($"{path}: element [{index}] is a {tuple.Items[index].Describe()}, not a numpy array.");
    }

    static double[,] Concatenate(IReadOnlyList<double[,]> parts, int columns)
    {
        int rows = parts[0].GetLength(0);
        var result = new double[rows, columns];
        int offset = 0;
        foreach (var part in parts)
        {
            if (part.GetLength(0) != rows)
                throw new InvalidDataException($"BMD participants disagree on the number of clips ({part.GetLength(0)} vs {rows}).");
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < part.GetLength(1); c++) result[r, offset + c] = part[r, c];
            offset += part.GetLength(1);
        }
        return result;
    }
}
