namespace BBScore.Numerics.Statistics;

/// <summary>Bootstrap samples of the regression metrics' four headline scores (<c>final_pearson</c>,
/// <c>final_unceiled_pearson</c>, <c>final_r2</c>, <c>final_unceiled_r2</c>), one per resample.</summary>
public sealed record RegressionBootstrapSamples(double[] Pearson, double[] UnceiledPearson, double[] R2, double[] UnceiledR2);

/// <summary>
/// The stimulus bootstrap of a regression score with the fitted predictions fixed: each resample draws every
/// group's held-out rows with replacement, recomputes each target's Pearson r and R² on the drawn rows, and
/// aggregates exactly as the score does (median over targets of the ceiled value per group, mean over
/// groups). No refitting, so it costs a few matrix products instead of a thousand regressions.
/// <para>Vectorised as weighted moments: with the draw counts W (resamples × rows) and the centred columns
/// P and Y, one product W·[P, Y, P², Y², P∘Y] gives every resample's five sums for every target; r and R²
/// follow per target in closed form. Resamples go in blocks so memory stays at a block × 5 targets.</para>
/// </summary>
public static class RegressionBootstrap
{
    /// <summary>Resamples per matrix product: large enough for an efficient GEMM, small enough that a block's
    /// sums (block × 5 × targets doubles) stay in tens of MB for 20,000 targets.</summary>
    public const int BlockResamples = 64;

    /// <summary>Below this fraction of the sums of squares a residual is zero (<see cref="WeightedPearson"/>'s threshold).</summary>
    const double ConstantFraction = WeightedPearson.ConstantFraction;

    /// <param name="flooredCeiling">Per-target ceiling already floored (ScorePostprocessing.FloorCeiling), or null.</param>
    /// <param name="spearmanBrown">Map r to 2r/(1+r), as <c>--compat bbscore</c> scores do.</param>
    public static RegressionBootstrapSamples Sample(IReadOnlyList<HeldOutPredictions> groups, double[]? flooredCeiling, bool spearmanBrown,
        IBootstrapResampler resampler, CancellationToken cancel = default)
    {
        int resamples = resampler.Resamples;
        var medians = new double[4][,]; // key × (group, resample)
        for (int k = 0; k < 4; k++) medians[k] = new double[groups.Count, resamples];
        TorchRuntime.EnsureLoaded();
        for (int g = 0; g < groups.Count; g++)
            SampleGroup(g, groups[g], flooredCeiling, spearmanBrown, resampler, medians, cancel);
        // The score is the mean over groups (folds) of the per-group medians, NaN folds skipped.
        double[] Final(double[,] perGroup)
        {
            var final = new double[resamples];
            var column = new double[groups.Count];
            for (int b = 0; b < resamples; b++)
            {
                for (int g = 0; g < groups.Count; g++) column[g] = perGroup[g, b];
                final[b] = NanStatistics.Mean(column);
            }
            return final;
        }
        return new RegressionBootstrapSamples(Final(medians[0]), Final(medians[1]), Final(medians[2]), Final(medians[3]));
    }

    static void SampleGroup(int g, HeldOutPredictions group, double[]? ceiling, bool spearmanBrown, IBootstrapResampler resampler,
        double[][,] medians, CancellationToken cancel)
    {
        int m = group.Rows, t = group.Targets, resamples = resampler.Resamples;
        if (ceiling is not null && ceiling.Length != t) throw new ArgumentException($"the ceiling has {ceiling.Length} values for {t} targets");
        var (moments, offset) = CentredMoments(group);
        var counts = new double[BlockResamples * m];
        var sums = new double[BlockResamples * 5 * t];
        using var product = new BlockProduct(counts, moments, sums, m, 5 * t);
        for (int start = 0; start < resamples; start += BlockResamples)
        {
            cancel.ThrowIfCancellationRequested();
            int block = Math.Min(BlockResamples, resamples - start);
            for (int b = 0; b < block; b++) resampler.FillCounts(g, start + b, counts.AsSpan(b * m, m));
            product.Compute(block);
            Parallel.For(0, block, () => new Scratch(t), (b, _, scratch) =>
            {
                Scores(sums.AsSpan(b * 5 * t, 5 * t), m, t, offset, ceiling, spearmanBrown, scratch.Values);
                for (int k = 0; k < 4; k++) medians[k][g, start + b] = Median.OfFinite(scratch.Values[k]);
                return scratch;
            }, _ => { });
        }
    }

    /// <summary>One thread's per-target values of the four scores.</summary>
    sealed class Scratch(int targets)
    {
        public double[][] Values { get; } = [new double[targets], new double[targets], new double[targets], new double[targets]];
    }

    /// <summary>[P − p̄, Y − ȳ, (P − p̄)², (Y − ȳ)², (P − p̄)(Y − ȳ)] row-major (rows × 5·targets), and ȳ − p̄ per
    /// target. Centring first keeps the moment formulas accurate in float64.</summary>
    static (double[] Moments, double[] Offset) CentredMoments(HeldOutPredictions group)
    {
        int m = group.Rows, t = group.Targets;
        var predicted = Flat(group.Predicted);
        var truth = Flat(group.Truth);
        var meanP = new double[t];
        var meanY = new double[t];
        for (int i = 0; i < m; i++)
        {
            var p = predicted.Slice(i * t, t);
            var y = truth.Slice(i * t, t);
            for (int j = 0; j < t; j++)
            {
                meanP[j] += p[j];
                meanY[j] += y[j];
            }
        }
        var offset = new double[t];
        for (int j = 0; j < t; j++)
        {
            meanP[j] /= m;
            meanY[j] /= m;
            offset[j] = meanY[j] - meanP[j];
        }
        var moments = new double[(long)m * 5 * t];
        Parallel.For(0, m, i =>
        {
            var p = Flat(group.Predicted).Slice(i * t, t);
            var y = Flat(group.Truth).Slice(i * t, t);
            var row = moments.AsSpan(i * 5 * t, 5 * t);
            for (int j = 0; j < t; j++)
            {
                double pc = p[j] - meanP[j], yc = y[j] - meanY[j];
                row[j] = pc;
                row[t + j] = yc;
                row[2 * t + j] = pc * pc;
                row[3 * t + j] = yc * yc;
                row[4 * t + j] = pc * yc;
            }
        });
        return (moments, offset);
    }

    /// <summary>A row-major 2-D array's elements as one span (no copy).</summary>
    static ReadOnlySpan<double> Flat(double[,] matrix) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, double>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(matrix)),
            matrix.Length);

    /// <summary>One resample's r and R² per target from its weighted sums, into scratch[0..3]: ceiled r,
    /// unceiled r, ceiled R², unceiled R² (NaN where undefined, as the scorers give it).</summary>
    static void Scores(ReadOnlySpan<double> sums, int m, int t, double[] offset, double[]? ceiling, bool spearmanBrown, double[][] scratch)
    {
        for (int j = 0; j < t; j++)
        {
            double sp = sums[j], sy = sums[t + j], spp = sums[2 * t + j], syy = sums[3 * t + j], spy = sums[4 * t + j];
            double varY = syy - sy * sy / m;
            bool constantY = WeightedPearson.Constant(sy, syy, m);
            double r = WeightedPearson.FromSums(sp, sy, spp, syy, spy, m);
            if (spearmanBrown && !double.IsNaN(r)) r = r == 1.0 ? 1.0 : 2 * r / (1 + r);
            // Σw(y − p)² on the raw values: the centred columns differ from them by the offset ȳ − p̄.
            double d = offset[j];
            double residual = Math.Max(0, syy - 2 * spy + spp + 2 * d * (sy - sp) + d * d * m);
            bool perfect = residual <= ConstantFraction * Math.Max(syy + spp, double.Epsilon);
            double r2 = m < 2 ? double.NaN : perfect ? 1.0 : constantY ? 0.0 : 1.0 - residual / varY;
            double c = ceiling?[j] ?? 1.0;
            scratch[0][j] = r / c;
            scratch[1][j] = r;
            scratch[2][j] = r2 / c;
            scratch[3][j] = r2;
        }
    }
}
