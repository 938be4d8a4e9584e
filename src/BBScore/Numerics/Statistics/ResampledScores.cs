using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BBScore.Numerics.Statistics;

/// <summary>One bootstrap resample's Pearson r and R² per target in closed form from its weighted sums (Σp, Σy,
/// Σp², Σy², Σpy of the centred columns, as <see cref="RegressionBootstrap"/> lays them out), four lanes at a time
/// where the CPU has 256-bit vectors; the vector path does <see cref="WeightedPearson.FromSums"/>'s operations in
/// the same order, so both paths give the same bits.</summary>
static class ResampledScores
{
    /// <summary>A column whose weighted variance is below this fraction of its weighted sum of squares is
    /// constant in that resample (one row drawn every time): its r is undefined, as for a constant column.</summary>
    const double ConstantFraction = WeightedPearson.ConstantFraction;

    /// <summary>Writes into scratch[0..3]: ceiled r, unceiled r, ceiled R², unceiled R² (NaN where undefined, as the
    /// scorers give it).</summary>
    /// <param name="offset">ȳ − p̄ per target: the centred columns differ from the raw ones by it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<double> sums, int m, int t, double[] offset, double[]? ceiling, bool spearmanBrown, double[][] scratch)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && m >= 2)
            for (; j + Vector256<double>.Count <= t; j += Vector256<double>.Count)
                Lanes(sums, m, t, j, offset, ceiling, spearmanBrown, scratch);
        for (; j < t; j++) One(sums, m, t, j, offset, ceiling, spearmanBrown, scratch);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void One(ReadOnlySpan<double> sums, int m, int t, int j, double[] offset, double[]? ceiling, bool spearmanBrown, double[][] scratch)
    {
        double sp = sums[j], sy = sums[t + j], spp = sums[2 * t + j], syy = sums[3 * t + j], spy = sums[4 * t + j];
        double varY = syy - sy * sy / m;
        bool constantY = WeightedPearson.Constant(sy, syy, m);
        double r = WeightedPearson.FromSums(sp, sy, spp, syy, spy, m);
        if (spearmanBrown && !double.IsNaN(r)) r = r == 1.0 ? 1.0 : 2 * r / (1 + r);
        // Σw(y − p)² on the raw values.
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Lanes(ReadOnlySpan<double> sums, int m, int t, int j, double[] offset, double[]? ceiling, bool spearmanBrown, double[][] scratch)
    {
        var sp = Vector256.Create(sums.Slice(j, 4));
        var sy = Vector256.Create(sums.Slice(t + j, 4));
        var spp = Vector256.Create(sums.Slice(2 * t + j, 4));
        var syy = Vector256.Create(sums.Slice(3 * t + j, 4));
        var spy = Vector256.Create(sums.Slice(4 * t + j, 4));
        var mm = Vector256.Create((double)m);
        var fraction = Vector256.Create(ConstantFraction);
        var one = Vector256<double>.One;
        var two = Vector256.Create(2.0);
        var nan = Vector256.Create(double.NaN);

        var varP = spp - sp * sp / mm;
        var varY = syy - sy * sy / mm;
        var cov = spy - sp * sy / mm;
        var constantP = Vector256.LessThanOrEqual(varP, fraction * spp);
        var constantY = Vector256.LessThanOrEqual(varY, fraction * syy);
        var r = Vector256.Min(Vector256.Max(cov / Vector256.Sqrt(varP * varY), -one), one);
        if (spearmanBrown) r = Vector256.ConditionalSelect(Vector256.Equals(r, one), one, two * r / (one + r));
        r = Vector256.ConditionalSelect(constantP | constantY, nan, r);

        var d = Vector256.Create(offset.AsSpan(j, 4));
        var residual = Vector256.Max(Vector256<double>.Zero, syy - two * spy + spp + two * d * (sy - sp) + d * d * mm);
        var perfect = Vector256.LessThanOrEqual(residual, fraction * Vector256.Max(syy + spp, Vector256.Create(double.Epsilon)));
        var r2 = Vector256.ConditionalSelect(perfect, one,
                 Vector256.ConditionalSelect(constantY, Vector256<double>.Zero, one - residual / varY));
        var c = ceiling is null ? one : Vector256.Create(ceiling.AsSpan(j, 4));
        (r / c).CopyTo(scratch[0].AsSpan(j, 4));
        r.CopyTo(scratch[1].AsSpan(j, 4));
        (r2 / c).CopyTo(scratch[2].AsSpan(j, 4));
        r2.CopyTo(scratch[3].AsSpan(j, 4));
    }
}
