using System.Globalization;
using BBScore.Formats.Matlab;

namespace BBScore.Datasets.Tvsd;

/// <summary>Builds TVSD targets from the unpacked assembly archives: per monkey, the area's channel
/// columns of <c>train_MUA</c> (train images × 1024), <c>test_MUA</c> (test images × 1024) and, for the
/// ceiling, <c>test_MUA_reps</c> (reps × test images × 1024), all as h5py shows them (the original's
/// indexing); monkeys are concatenated along units in the given order. For 10 ms bins the 18 bins'
/// files are read and interleaved so that a stimulus's targets are its (unit, bin) matrix flattened
/// unit-major, which is the original's (images, units, 18) array flattened.</summary>
public static class TvsdAssembly
{
    /// <summary>Loads the assembly of <paramref name="monkeys"/> / <paramref name="area"/> /
    /// <paramref name="bins"/> from <paramref name="assemblyDatasetDir"/> (the folder
    /// <see cref="TvsdFiles.EnsureAssembly"/> returns). The ceiling is computed from the test
    /// repetitions per monkey and bin: split-half over <see cref="TvsdCeiling.Permutations"/>
    /// (<paramref name="seed"/>) or the given <paramref name="permutations"/> (for cross-checks with
    /// other implementations), or one-vs-all.</summary>
    public static TvsdAssemblyData Load(string assemblyDatasetDir, IReadOnlyList<TvsdMonkey> monkeys, TvsdArea area, TvsdBins bins,
                                        int seed = 42, TvsdCeilingMethod method = TvsdCeilingMethod.SplitHalf,
                                        IReadOnlyList<int[]>? permutations = null)
    {
        if (monkeys.Count == 0) throw new ArgumentException("Select at least one TVSD monkey.", nameof(monkeys));
        if (monkeys.Distinct().Count() != monkeys.Count)
            throw new ArgumentException($"TVSD monkeys are listed twice: {string.Join(", ", monkeys)}.", nameof(monkeys));
        string dir = TvsdLayout.ExtractionDir(assemblyDatasetDir, bins);
        var found = TvsdLayout.List(dir, bins);
        int?[] timeBins = bins == TvsdBins.Default ? [null] : TvsdTimeBins.TenMs.Select(t => (int?)t).ToArray();
        int binCount = timeBins.Length;
        int units = monkeys.Sum(m => TvsdChannels.Range(m, area).Count);
        var target = new Targets(units * binCount);
        var permutationsByReps = new Dictionary<int, IReadOnlyList<int[]>>();
        var notes = new List<string>();

        for (int b = 0; b < binCount; b++)
        {
            int unitOffset = 0;
            foreach (var monkey in monkeys)
            {
                string path = TvsdLayout.Find(dir, found, bins, monkey, timeBins[b]);
                var (start, count) = TvsdChannels.Range(monkey, area);
                using (var mat = Mat73File.Open(path))
                {
                    target.Train = Place(mat, "train_MUA", path, target.Train, target.Count, start, count, unitOffset, b, binCount);
                    target.Test = Place(mat, "test_MUA", path, target.Test, target.Count, start, count, unitOffset, b, binCount);
                    var reps = mat.ReadNumericAsStored("test_MUA_reps");
                    CheckReps(reps, path, target.Test!.GetLength(0));
                    int r = reps.Shape[0], conditions = reps.Shape[1];
                    double[] slice = Slice(reps.Data, r * conditions, start, count);
                    double[] ceiling = method switch
                    {
                        TvsdCeilingMethod.SplitHalf => TvsdCeiling.SplitHalf(slice, r, conditions, count,
                            permutations ?? Cached(permutationsByReps, r, seed)),
                        TvsdCeilingMethod.OneVsAll => TvsdCeiling.OneVsAll(slice, r, conditions, count),
                        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
                    };
                    for (int u = 0; u < count; u++) target.Ceiling[(unitOffset + u) * binCount + b] = ceiling[u];
                    if (b == 0) notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{monkey.FolderName()}: channels [{start},{start + count}) of {area}, {r} test repetitions"));
                }
                unitOffset += count;
            }
        }
        notes.Add(method == TvsdCeilingMethod.SplitHalf
            ? permutations is null
                ? $"ceiling: split-half over {TvsdCeiling.DefaultSplits} permutations seeded {seed} (the original's are unseeded), Spearman-Brown corrected"
                : $"ceiling: split-half over {permutations.Count} given permutations, Spearman-Brown corrected"
            : "ceiling: one-vs-all, Spearman-Brown corrected");
        notes.Add("the ceiling comes from the test repetitions and serves train and test alike, as in the original");
        return new TvsdAssemblyData(target.Train!, target.Test!, target.Ceiling,
                                    bins == TvsdBins.TenMs ? [units, binCount] : null, notes,
                                    monkeys.Select(m => TvsdChannels.Range(m, area).Count * binCount).ToArray());
    }

    sealed class Targets(int count)
    {
        public double[,]? Train, Test;
        public readonly double[] Ceiling = new double[count];
        public int Count => count;
    }

    static IReadOnlyList<int[]> Cached(Dictionary<int, IReadOnlyList<int[]>> cache, int reps, int seed)
    {
        if (!cache.TryGetValue(reps, out var p)) cache[reps] = p = TvsdCeiling.Permutations(reps, TvsdCeiling.DefaultSplits, seed);
        return p;
    }

    /// <summary>Reads <paramref name="variable"/> (images × 1024) and copies the area's columns straight
    /// into their target columns (<c>(unitOffset+u)*binCount + bin</c>) of <paramref name="dest"/>, which is
    /// allocated on first use; later files must have the same number of images. The file's array is the
    /// only other copy alive (real train_MUA: 22,248 × 1024 float32 per file).</summary>
    static double[,] Place(Mat73File mat, string variable, string path, double[,]? dest, int targets,
                           int start, int count, int unitOffset, int bin, int binCount)
    {
        var value = mat.ReadNumericAsStored(variable);
        if (value.Shape.Length != 2 || value.Shape[1] != TvsdChannels.PerMonkey)
            throw new InvalidDataException(
                $"{path}: {variable} has shape ({string.Join(", ", value.Shape)}); expected (images, {TvsdChannels.PerMonkey}) as h5py shows it.");
        int rows = value.Shape[0];
        if (dest is not null && dest.GetLength(0) != rows)
            throw new InvalidDataException(
                $"{path}: {variable} has {rows} images but the files read before it have {dest.GetLength(0)}; the TVSD files do not belong together.");
        dest ??= new double[rows, targets];
        const int width = TvsdChannels.PerMonkey;
        switch (value.Data)
        {
            case float[] f:
                for (int i = 0; i < rows; i++)
                    for (int u = 0; u < count; u++) dest[i, (unitOffset + u) * binCount + bin] = f[i * width + start + u];
                break;
            default:
                double[] d = value.ToDoubles();
                for (int i = 0; i < rows; i++)
                    for (int u = 0; u < count; u++) dest[i, (unitOffset + u) * binCount + bin] = d[i * width + start + u];
                break;
        }
        return dest;
    }

    static void CheckReps(MatNumeric reps, string path, int testImages)
    {
        if (reps.Shape.Length != 3 || reps.Shape[1] != testImages || reps.Shape[2] != TvsdChannels.PerMonkey || reps.Shape[0] < 2)
            throw new InvalidDataException(
                $"{path}: test_MUA_reps has shape ({string.Join(", ", reps.Shape)}); expected (repetitions >= 2, {testImages} test images, {TvsdChannels.PerMonkey}).");
    }

    /// <summary>The area's columns of a (rows × 1024) array, as doubles (rows × count).</summary>
    static double[] Slice(Array data, int rows, int start, int count)
    {
        var result = new double[rows * count];
        switch (data)
        {
            case float[] f:
                for (int i = 0; i < rows; i++)
                    for (int u = 0; u < count; u++) result[i * count + u] = f[i * TvsdChannels.PerMonkey + start + u];
                break;
            case double[] d:
                for (int i = 0; i < rows; i++) Array.Copy(d, i * TvsdChannels.PerMonkey + start, result, i * count, count);
                break;
            default:
                var all = new MatNumeric(MatClass.Double, [data.Length], data).ToDoubles();
                for (int i = 0; i < rows; i++) Array.Copy(all, i * TvsdChannels.PerMonkey + start, result, i * count, count);
                break;
        }
        return result;
    }
}
