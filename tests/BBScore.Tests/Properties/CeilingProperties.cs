using BBScore.Metrics;
using BBScore.Metrics.Regression;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>
/// Ceiling normalisation as ScorePostprocessing documents it: each target's raw score is divided by its ceiling
/// raised to at least 1e-6 (one value broadcasts to every target; NaN stays NaN), before the per-fold median over
/// targets; medians and means skip NaN; no ceiling means ceiled = unceiled; <c>n_nan_targets</c> counts targets
/// with a NaN raw score in any fold and is present only when non-zero. There is no clipping: a raw score above
/// its ceiling gives a ceiled score above 1.
/// </summary>
public class CeilingProperties
{
    static readonly Gen<double> Raw = Gen.Frequency((8, Gen.Double[-1, 1]), (1, Gen.Const(double.NaN)), (1, Gen.OneOf(0.0, -0.0, 1.0, -1.0)));

    static readonly Gen<double> CeilingValue = Gen.Frequency((6, Gen.Double[0, 1]), (1, Gen.OneOf(0.0, -0.5, 1e-7, 1e-6, 2e-6, double.NaN, 1.5, double.PositiveInfinity)));

    /// <summary>folds × targets raw scores and a ceiling: null, a single value, or one per target.</summary>
    static readonly Gen<(double[,] Raw, double[]? Ceiling)> Cases =
        from folds in Gen.Int[1, 5]
        from targets in Gen.Int[1, 7]
        from raw in Raw.Array2D[folds, targets]
        from kind in Gen.Int[0, 2]
        from ceiling in CeilingValue.Array[kind == 1 ? 1 : targets]
        select (raw, kind == 0 ? null : ceiling);

    /// <summary>The documented divisor: the target's ceiling (or the single one), raised to 1e-6; 1 without a ceiling.</summary>
    static double Floored(double[]? ceiling, int t)
    {
        if (ceiling is null) return 1;
        double c = ceiling[ceiling.Length == 1 ? 0 : t];
        return c <= ScorePostprocessing.CeilingFloor ? ScorePostprocessing.CeilingFloor : c;
    }

    static double NaiveNanMedian(IEnumerable<double> values)
    {
        var finite = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (finite.Length == 0) return double.NaN;
        return finite.Length % 2 == 1 ? finite[finite.Length / 2] : (finite[finite.Length / 2 - 1] + finite[finite.Length / 2]) / 2;
    }

    static double NaiveNanMean(IEnumerable<double> values)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToArray();
        double sum = 0;
        foreach (double v in finite) sum += v;
        return finite.Length == 0 ? double.NaN : sum / finite.Length;
    }

    static void Same(double expected, double actual, string what) =>
        True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{what}: {actual:R}, expected {expected:R}");

    /// <summary>Equal as numbers (−0 = 0: which of two equal zeros a sort puts in the middle is not specified) or both NaN.</summary>
    static void Equal(double expected, double actual, string what) =>
        True(expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)), $"{what}: {actual:R}, expected {expected:R}");

    [Fact]
    public void Each_target_is_divided_by_its_floored_ceiling_before_the_median()
    {
        Run(Cases, c =>
        {
            int folds = c.Raw.GetLength(0), targets = c.Raw.GetLength(1);
            var scores = ScorePostprocessing.Summarize([("pearson", c.Raw)], c.Ceiling);
            var ceiled = scores["ceiled_pearson"];
            True(ceiled.Shape.SequenceEqual([folds, targets]), "ceiled scores changed shape");
            var medianCeiled = scores["median_ceiled_pearson"].Data;
            var medianUnceiled = scores["median_unceiled_pearson"].Data;
            for (int f = 0; f < folds; f++)
            {
                var expectedRow = new double[targets];
                for (int t = 0; t < targets; t++)
                {
                    expectedRow[t] = c.Raw[f, t] / Floored(c.Ceiling, t);
                    Same(expectedRow[t], ceiled.Data[f * targets + t], $"ceiled[{f},{t}]");
                    Same(c.Raw[f, t], scores["raw_pearson"].Data[f * targets + t], $"raw[{f},{t}]");
                }
                Equal(NaiveNanMedian(expectedRow), medianCeiled[f], $"median_ceiled[{f}]");
                Equal(NaiveNanMedian(Enumerable.Range(0, targets).Select(t => c.Raw[f, t])), medianUnceiled[f], $"median_unceiled[{f}]");
            }
            Close(NaiveNanMean(medianCeiled), scores["final_pearson"].Scalar, 1e-15, 1e-300, "final_pearson");
            Close(NaiveNanMean(medianUnceiled), scores["final_unceiled_pearson"].Scalar, 1e-15, 1e-300, "final_unceiled_pearson");
            Same(scores["final_pearson"].Scalar, scores.Headline, "headline");

            int nanTargets = Enumerable.Range(0, targets).Count(t => Enumerable.Range(0, folds).Any(f => double.IsNaN(c.Raw[f, t])));
            True(nanTargets == 0 ? !scores.TryGet("n_nan_targets", out _) : scores["n_nan_targets"].Scalar == nanTargets, $"n_nan_targets should be {nanTargets}");
        }, iterations: 400, seed: 41);
    }

    [Fact]
    public void Ceiled_scores_keep_their_sign_grow_by_at_most_1e6_and_equal_raw_without_a_ceiling()
    {
        Run(Cases, c =>
        {
            var scores = ScorePostprocessing.Summarize([("pearson", c.Raw)], c.Ceiling);
            var raw = scores["raw_pearson"].Data;
            var ceiled = scores["ceiled_pearson"].Data;
            int targets = c.Raw.GetLength(1);
            for (int i = 0; i < raw.Length; i++)
            {
                double ceiling = c.Ceiling is null ? 1 : c.Ceiling[c.Ceiling.Length == 1 ? 0 : i % targets];
                if (double.IsNaN(raw[i]) || double.IsNaN(ceiling)) { True(double.IsNaN(ceiled[i]), $"ceiled[{i}] should be NaN"); continue; }
                if (double.IsPositiveInfinity(ceiling)) { True(ceiled[i] == 0, $"an infinite ceiling gave {ceiled[i]}"); continue; }
                True(Math.Sign(ceiled[i]) == Math.Sign(raw[i]) || (ceiled[i] == 0 && raw[i] == 0), $"ceiled[{i}] = {ceiled[i]} has another sign than raw {raw[i]}");
                True(Math.Abs(ceiled[i]) <= Math.Abs(raw[i]) / ScorePostprocessing.CeilingFloor, $"ceiled[{i}] = {ceiled[i]} exceeds raw / 1e-6");
                if (ceiling <= 1) True(Math.Abs(ceiled[i]) >= Math.Abs(raw[i]), $"a ceiling ≤ 1 shrank |{raw[i]}| to |{ceiled[i]}|");
                if (c.Ceiling is null) Same(raw[i], ceiled[i], $"ceiled[{i}] without a ceiling");
            }
            if (c.Ceiling is null)
                Same(scores["final_unceiled_pearson"].Scalar, scores["final_pearson"].Scalar, "final without a ceiling");
        }, iterations: 400, seed: 42);
    }

    [Fact]
    public void One_ceiling_for_all_targets_scales_the_medians_and_the_final_score()
    {
        var gen = Cases.Select(c => c.Raw).SelectMany(raw => Gen.Double[1e-3, 2].Select(ceiling => (raw, ceiling)));
        Run(gen, c =>
        {
            var scores = ScorePostprocessing.Summarize([("r2", c.raw), ("pearson", c.raw)], [c.ceiling]);
            var ceiled = scores["median_ceiled_pearson"].Data;
            var unceiled = scores["median_unceiled_pearson"].Data;
            for (int f = 0; f < ceiled.Length; f++) Close(unceiled[f] / c.ceiling, ceiled[f], 1e-14, 1 / c.ceiling, $"median_ceiled[{f}]");
            // Halving a sum of two middle values before or after dividing differs by rounding at the scale of the
            // scores (1 / ceiling), not of a median that cancels to near 0.
            Close(scores["final_unceiled_pearson"].Scalar / c.ceiling, scores["final_pearson"].Scalar, 1e-14, 1 / c.ceiling, "final_pearson");
            Same(scores["final_r2"].Scalar, scores["final_pearson"].Scalar, "the same raw scores under two keys");
            True(scores.HeadlineKey == ScorePostprocessing.HeadlineKey, "headline key");
        }, iterations: 300, seed: 43);
    }

    [Fact]
    public void Floored_ceilings_are_at_least_1e6_or_NaN_and_a_single_value_broadcasts()
    {
        Run(Gen.Select(CeilingValue.Array[1, 6], Gen.Bool), t =>
        {
            var (ceiling, single) = t;
            int targets = single ? 4 : ceiling.Length;
            var input = single ? ceiling[..1] : ceiling;
            var floored = ScorePostprocessing.FloorCeiling(input, targets);
            True(floored.Length == targets, "one floored ceiling per target");
            for (int i = 0; i < targets; i++)
            {
                double c = input[single ? 0 : i];
                Same(double.IsNaN(c) ? double.NaN : Math.Max(c, ScorePostprocessing.CeilingFloor), floored[i], $"floored[{i}] of {c}");
            }
            if (!single && ceiling.Length > 1)
                Assert.Throws<ArgumentException>(() => ScorePostprocessing.FloorCeiling(ceiling, ceiling.Length + 1));
        }, iterations: 200, seed: 44);
    }
}
