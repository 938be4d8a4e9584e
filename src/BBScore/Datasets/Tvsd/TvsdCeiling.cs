using System.Numerics;

namespace BBScore.Datasets.Tvsd;

/// <summary>Per-unit noise ceilings from repeated trials laid out <c>[reps, conditions, units]</c>
/// (row-major, as <c>test_MUA_reps</c> is stored), written from the original's
/// <c>split_half_consistency</c> / <c>one_vs_all_consistency</c>. Both are
/// O(reps·conditions·units) per split with a fixed set of scratch arrays, because 10 ms bins mean
/// 18 calls over up to 2048 units each.</summary>
public static class TvsdCeiling
{
    /// <summary>The original's number of random splits.</summary>
    public const int DefaultSplits = 50;

    /// <summary><paramref name="splits"/> random permutations of <c>0..reps-1</c>, a Fisher–Yates
    /// shuffle driven by <c>new System.Random(seed)</c>. The original draws from numpy's unseeded global
    /// RNG, so its ceilings change from run to run; seeding makes ours reproducible (the values differ
    /// from any one run of the original only by split sampling noise).</summary>
    public static IReadOnlyList<int[]> Permutations(int reps, int splits = DefaultSplits, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(splits, 1);
        var random = new Random(seed);
        var result = new int[splits][];
        for (int s = 0; s < splits; s++)
        {
            var p = new int[reps];
            for (int i = 0; i < reps; i++) p[i] = i;
            for (int i = reps - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (p[i], p[j]) = (p[j], p[i]);
            }
            result[s] = p;
        }
        return result;
    }

    /// <summary>Split-half consistency per unit: for each permutation, the first floor(n/2) trials form
    /// one half and the rest the other; each half is averaged; Pearson r across conditions per unit
    /// (NaN, e.g. a constant unit, counts as 0) is Spearman–Brown corrected, 2r/(1+r); the result is the
    /// mean over permutations.</summary>
    public static double[] SplitHalf(float[] data, int reps, int conditions, int units, IReadOnlyList<int[]> permutations) =>
        SplitHalfCore<float>(data, reps, conditions, units, permutations);

    /// <inheritdoc cref="SplitHalf(float[], int, int, int, IReadOnlyList{int[]})"/>
    public static double[] SplitHalf(double[] data, int reps, int conditions, int units, IReadOnlyList<int[]> permutations) =>
        SplitHalfCore<double>(data, reps, conditions, units, permutations);

    /// <summary>One-vs-all consistency per unit: for each trial, Pearson r across conditions between that
    /// trial and the mean of the other n−1 trials (NaN counts as 0, as in split-half), Spearman–Brown
    /// corrected, then averaged over trials.</summary>
    public static double[] OneVsAll(float[] data, int reps, int conditions, int units) =>
        OneVsAllCore<float>(data, reps, conditions, units);

    /// <inheritdoc cref="OneVsAll(float[], int, int, int)"/>
    public static double[] OneVsAll(double[] data, int reps, int conditions, int units) =>
        OneVsAllCore<double>(data, reps, conditions, units);

    static double[] SplitHalfCore<T>(ReadOnlySpan<T> data, int reps, int conditions, int units, IReadOnlyList<int[]> permutations)
        where T : unmanaged, INumberBase<T>
    {
        CheckShape(data.Length, reps, conditions, units);
        if (permutations.Count == 0) throw new ArgumentException("Split-half needs at least one permutation.", nameof(permutations));
        int size = conditions * units, half = reps / 2;
        var a = new double[size];
        var b = new double[size];
        var scratch = new Scratch(units);
        var result = new double[units];
        foreach (var p in permutations)
        {
            CheckPermutation(p, reps);
            MeanOfTrials(data, p.AsSpan(0, half), size, a);
            MeanOfTrials(data, p.AsSpan(half), size, b);
            AddSpearmanBrown(a, b, conditions, units, scratch, result);
        }
        for (int u = 0; u < units; u++) result[u] /= permutations.Count;
        return result;
    }

    static double[] OneVsAllCore<T>(ReadOnlySpan<T> data, int reps, int conditions, int units)
        where T : unmanaged, INumberBase<T>
    {
        CheckShape(data.Length, reps, conditions, units);
        int size = conditions * units;
        var total = new double[size];
        for (int t = 0; t < reps; t++)
        {
            var trial = data.Slice(t * size, size);
            for (int i = 0; i < size; i++) total[i] += double.CreateTruncating(trial[i]);
        }
        var x = new double[size];
        var rest = new double[size];
        var scratch = new Scratch(units);
        var result = new double[units];
        for (int t = 0; t < reps; t++)
        {
            var trial = data.Slice(t * size, size);
            for (int i = 0; i < size; i++)
            {
                x[i] = double.CreateTruncating(trial[i]);
                rest[i] = (total[i] - x[i]) / (reps - 1);
            }
            AddSpearmanBrown(x, rest, conditions, units, scratch, result);
        }
        for (int u = 0; u < units; u++) result[u] /= reps;
        return result;
    }

    /// <summary>Mean over <paramref name="trials"/> of the [conditions, units] slices, into <paramref name="mean"/>.</summary>
    static void MeanOfTrials<T>(ReadOnlySpan<T> data, ReadOnlySpan<int> trials, int size, double[] mean)
        where T : unmanaged, INumberBase<T>
    {
        Array.Clear(mean);
        foreach (int t in trials)
        {
            var trial = data.Slice(t * size, size);
            for (int i = 0; i < size; i++) mean[i] += double.CreateTruncating(trial[i]);
        }
        for (int i = 0; i < size; i++) mean[i] /= trials.Length;
    }

    /// <summary>Adds 2r/(1+r) per unit to <paramref name="result"/>, r = Pearson across conditions of
    /// <paramref name="a"/> and <paramref name="b"/> ([conditions, units]). Loops run over units in the
    /// inner loop so memory is read in order; two passes (means, then centred sums) for accuracy.</summary>
    static void AddSpearmanBrown(double[] a, double[] b, int conditions, int units, Scratch s, double[] result)
    {
        Array.Clear(s.MeanA); Array.Clear(s.MeanB); Array.Clear(s.Sab); Array.Clear(s.Saa); Array.Clear(s.Sbb);
        for (int c = 0; c < conditions; c++)
        {
            int o = c * units;
            for (int u = 0; u < units; u++) { s.MeanA[u] += a[o + u]; s.MeanB[u] += b[o + u]; }
        }
        for (int u = 0; u < units; u++) { s.MeanA[u] /= conditions; s.MeanB[u] /= conditions; }
        for (int c = 0; c < conditions; c++)
        {
            int o = c * units;
            for (int u = 0; u < units; u++)
            {
                double da = a[o + u] - s.MeanA[u], db = b[o + u] - s.MeanB[u];
                s.Sab[u] += da * db;
                s.Saa[u] += da * da;
                s.Sbb[u] += db * db;
            }
        }
        for (int u = 0; u < units; u++)
        {
            double r = s.Sab[u] / Math.Sqrt(s.Saa[u] * s.Sbb[u]);
            if (double.IsNaN(r)) r = 0; // constant unit in a half: the original maps NaN to 0
            result[u] += 2 * r / (1 + r);
        }
    }

    sealed class Scratch(int units)
    {
        public readonly double[] MeanA = new double[units], MeanB = new double[units];
        public readonly double[] Sab = new double[units], Saa = new double[units], Sbb = new double[units];
    }

    static void CheckShape(int length, int reps, int conditions, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(conditions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 0);
        if ((long)reps * conditions * units != length)
            throw new ArgumentException($"Repetition data has {length} values, not reps×conditions×units = {reps}×{conditions}×{units}.");
    }

    static void CheckPermutation(int[] p, int reps)
    {
        if (p.Length != reps)
            throw new ArgumentException($"A split permutation has {p.Length} entries but there are {reps} repetitions.");
        Span<bool> seen = reps <= 1024 ? stackalloc bool[reps] : new bool[reps];
        foreach (int t in p)
        {
            if ((uint)t >= (uint)reps || seen[t])
                throw new ArgumentException($"[{string.Join(",", p)}] is not a permutation of 0..{reps - 1}.");
            seen[t] = true;
        }
    }
}
