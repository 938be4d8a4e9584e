using System.Text.Json.Nodes;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Statistics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>The stimulus bootstrap of the regression scores against SciPy's pearsonr and scikit-learn's r2_score
/// on the same resamples (Fixtures/bootstrap/generate_bootstrap_fixture.py): fixed predictions, a constant
/// target, a zero ceiling floored to 1e-6, cross-validation folds, the compat mode's Spearman–Brown r, and subjects
/// drawn as well as stimuli (a subject drawn twice counts twice in the median).</summary>
public class RegressionBootstrapTests
{
    static readonly JsonNode Fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bootstrap", "regression_bootstrap.json")))!;

    public static TheoryData<string> Cases => new() { "test_set", "cv_folds", "no_ceiling_compat", "subjects_cv_folds" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Samples_and_intervals_equal_scipy_and_sklearn_on_the_same_resamples(string name)
    {
        var c = Fixture["cases"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == name)!;
        var groups = c["groups"]!.AsArray().Select(g => new HeldOutPredictions(Matrix(g!["truth"]!), Matrix(g!["predicted"]!))).ToList();
        var indices = c["indices"]!.AsArray().Select(g => (IReadOnlyList<int[]>)g!.AsArray().Select(r => r!.AsArray().Select(i => i!.GetValue<int>()).ToArray()).ToList()).ToList();
        double[]? ceiling = c["ceiling"] is JsonArray ceil ? ScorePostprocessing.FloorCeiling(ceil.Select(v => v!.GetValue<double>()).ToArray(), groups[0].Targets) : null;

        int[]? units = c["units_per_subject"] is JsonArray u ? u.Select(v => v!.GetValue<int>()).ToArray() : null;

        var samples = RegressionBootstrap.Sample(groups, ceiling, c["spearman_brown"]!.GetValue<bool>(), new ExplicitResampler(indices), unitsPerSubject: units);

        foreach (var (key, ours) in new[] { ("pearson", samples.Pearson), ("unceiled_pearson", samples.UnceiledPearson), ("r2", samples.R2), ("unceiled_r2", samples.UnceiledR2) })
        {
            var expected = c["samples"]![key]!.AsArray().Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();
            Assert.Equal(expected.Length, ours.Length);
            for (int b = 0; b < ours.Length; b++)
                if (double.IsNaN(expected[b])) Assert.True(double.IsNaN(ours[b]), $"{key}[{b}]: expected NaN, got {ours[b]}");
                else Assert.True(Math.Abs(expected[b] - ours[b]) <= 1e-9 * Math.Max(1, Math.Abs(expected[b])), $"{key}[{b}]: {ours[b]} vs SciPy {expected[b]}");
            var summary = BootstrapSummary.Of(ours)!;
            var reference = c["summary"]![key]!;
            Assert.Equal(reference["se"]!.GetValue<double>(), summary.StandardError, 1e-9);
            Assert.Equal(reference["ci95"]![0]!.GetValue<double>(), summary.Low, 1e-9);
            Assert.Equal(reference["ci95"]![1]!.GetValue<double>(), summary.High, 1e-9);
        }
    }

    [Fact]
    public void Selection_median_equals_the_sorting_median_with_nans_ties_and_even_counts()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 500; trial++)
        {
            int n = random.Next(0, 40);
            var values = Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? double.NaN : Math.Round(random.NextDouble() * 5, random.Next(2) == 0 ? 0 : 3)).ToArray();
            double expected = NanStatistics.Median(values);
            double ours = Median.OfFinite(values.ToArray());
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(ours));
            else Assert.Equal(expected, ours);
        }
    }

    [Fact]
    public void Histogram_narrowed_median_equals_the_sorting_median_on_long_skewed_tied_and_infinite_inputs()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 400; trial++)
        {
            int n = random.Next(150, 4000);
            int kind = trial % 5;
            var values = Enumerable.Range(0, n).Select(_ =>
            {
                double g = random.NextDouble() - 0.5;
                return kind switch
                {
                    0 => g,
                    1 => random.Next(200) == 0 ? -1e12 * random.NextDouble() : g, // R²-like: a few huge negatives
                    2 => Math.Round(g * 6) / 6,                                    // heavy ties
                    3 => random.Next(300) == 0 ? double.NegativeInfinity : random.Next(10) == 0 ? double.NaN : g,
                    _ => Math.Exp(30 * g),                                         // spans 13 decades
                };
            }).ToArray();
            double expected = NanStatistics.Median(values);
            Assert.Equal(expected, Median.OfFinite(values.ToArray()));
        }
    }

    [Fact]
    public void Seeded_resamples_are_reproducible_and_differ_between_seeds_and_folds()
    {
        static double[] Draw(int seed, int group)
        {
            var resampler = new SeededResampler(3, seed, [10, 10]);
            var all = new List<double>();
            for (int b = 0; b < 3; b++)
            {
                var counts = new double[10];
                resampler.FillCounts(group, b, counts);
                Assert.Equal(10, counts.Sum());
                all.AddRange(counts);
            }
            return all.ToArray();
        }
        Assert.Equal(Draw(42, 0), Draw(42, 0));
        Assert.NotEqual(Draw(42, 0), Draw(43, 0));
        Assert.NotEqual(Draw(42, 0), Draw(42, 1));
        var resampler = new SeededResampler(2, 42, [5]);
        Assert.Throws<InvalidOperationException>(() => resampler.FillCounts(0, 1, new double[5]));
    }

    [Fact]
    public void Ridge_scores_carry_se_and_ci95_beside_each_final_key_and_bootstrap_zero_says_why_not()
    {
        var random = new Random(5);
        int n = 200, p = 8, t = 6;
        var features = new float[n * p];
        var targets = new double[n, t];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) features[i * p + j] = (float)random.NextDouble();
            for (int k = 0; k < t; k++) targets[i, k] = features[i * p + k] + 0.3 * random.NextDouble();
        }
        var inputs = new MetricInputs(new BBScore.Features.FeatureTensor(features, [n, p]), targets, Ceiling: Enumerable.Repeat(0.8, t).ToArray());
        var scores = MetricCatalog.Create("ridge").Score(inputs);
        foreach (string key in new[] { "final_pearson", "final_unceiled_pearson", "final_r2", "final_unceiled_r2" })
        {
            double se = scores[key + "_se"].Scalar;
            var ci = scores[key + "_ci95"].Data;
            Assert.True(se > 0 && se < 0.5, $"{key}_se = {se}");
            Assert.True(ci[0] < ci[1], $"{key}_ci95 = [{ci[0]}, {ci[1]}]");
        }
        // Pearson's r is nearly unbiased under resampling: its interval holds the score. (R² on resampled folds is
        // biased low, so a percentile interval may sit below the score; that is the bootstrap's honest answer.)
        foreach (string key in new[] { "final_pearson", "final_unceiled_pearson" })
        {
            var ci = scores[key + "_ci95"].Data;
            Assert.True(ci[0] < scores[key].Scalar && scores[key].Scalar < ci[1], $"{key} {scores[key].Scalar} outside [{ci[0]}, {ci[1]}]");
        }
        Assert.Equal(1000, scores["bootstrap_resamples"].Scalar);
        // Same seed, same interval: the bootstrap is part of a reproducible result.
        Assert.Equal(scores["final_pearson_ci95"].Data, MetricCatalog.Create("ridge").Score(inputs)["final_pearson_ci95"].Data);

        var off = MetricCatalog.Create("ridge", new MetricOptions { Bootstrap = 0 }).Score(inputs);
        Assert.False(off.TryGet("final_pearson_se", out _));
        Assert.Contains(off.Labels, l => l.Key == "final_pearson_se_note" && l.Value[0].Contains("--bootstrap 0"));
        Assert.Equal(scores["final_pearson"].Scalar, off["final_pearson"].Scalar); // the score itself is unchanged

        // Targets from two subjects: the subjects are drawn too, and the draw's identity says so.
        var bySubject = MetricCatalog.Create("ridge").Score(inputs with { UnitsPerSubject = [4, 2] });
        Assert.Equal([.. scores["bootstrap_groups"].Data, 2.0], bySubject["bootstrap_groups"].Data); // the held-out rows, then the subjects
        Assert.Contains(bySubject.Labels, l => l.Key == "bootstrap_unit" && l.Value[0].Contains("the 2 subjects"));
        Assert.NotEqual(scores["final_pearson_se"].Scalar, bySubject["final_pearson_se"].Scalar);
        Assert.Equal(scores["final_pearson"].Scalar, bySubject["final_pearson"].Scalar);
    }

    static double[,] Matrix(JsonNode node)
    {
        var rows = node.AsArray();
        var m = new double[rows.Count, rows[0]!.AsArray().Count];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) m[i, j] = rows[i]![j]!.GetValue<double>();
        return m;
    }
}
