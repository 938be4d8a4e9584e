using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Statistics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>inverse_ridge's and bidirectional's error bars: bidirectional's resamples equal its score recomputed by
/// brute force on the drawn rows of both directions (the same draws), and both metrics write bars end to end.</summary>
public class SwappedRegressionUncertaintyTests
{
    static double[,] Random2D(Random random, int rows, int columns, double[,]? like = null)
    {
        var m = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) m[i, j] = (like is null ? 0 : like[i % like.GetLength(0), j % like.GetLength(1)]) + random.NextDouble() - 0.5;
        return m;
    }

    [Fact]
    public void Bidirectional_resamples_equal_the_score_recomputed_on_the_same_drawn_rows_of_both_directions()
    {
        var random = new Random(21);
        int[] sizes = [15, 14];
        int resamples = 40, seed = 7;
        HeldOutPredictions Fold(int rows, int targets)
        {
            var truth = Random2D(random, rows, targets);
            return new HeldOutPredictions(truth, Random2D(random, rows, targets, truth));
        }
        var forward = sizes.Select(n => Fold(n, 5)).ToArray();
        var backward = sizes.Select(n => Fold(n, 4)).ToArray();
        var ceiling = ScorePostprocessing.FloorCeiling([0.5, 0.6, 0.7, 0.0, 0.9], 5);
        var inputs = new MetricInputs(new FeatureTensor(new float[4], [1, 4]), new double[1, 1], Seed: seed);
        var scores = new ScoreSet("final_pearson");

        SwappedRegressionUncertainty.AddBidirectional(scores, forward, backward, ceiling, inputs, resamples);

        // The draws the metric made: the seeded resampler's counts, as row lists.
        var resampler = new SeededResampler(resamples, seed, sizes);
        var expected = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            var perFold = new double[sizes.Length];
            for (int f = 0; f < sizes.Length; f++)
            {
                var c = new double[sizes[f]];
                resampler.FillCounts(f, b, c);
                int[] rows = Enumerable.Range(0, sizes[f]).SelectMany(i => Enumerable.Repeat(i, (int)c[i])).ToArray();
                var ahead = Scorers.Pearson(DrawnRows.Of(forward[f].Truth, rows), DrawnRows.Of(forward[f].Predicted, rows));
                var back = Scorers.Pearson(DrawnRows.Of(backward[f].Truth, rows), DrawnRows.Of(backward[f].Predicted, rows));
                perFold[f] = NanStatistics.Mean([NanStatistics.Median(ahead.Select((r, t) => r / ceiling[t]).ToArray()), NanStatistics.Median(back)]);
            }
            expected[b] = NanStatistics.Mean(perFold);
        }
        var summary = BootstrapSummary.Of(expected)!;
        Assert.Equal(expected, scores["final_pearson_bootstrap"].Data, (a, e) => Math.Abs(a - e) < 1e-9);
        Assert.Equal(summary.StandardError, scores["final_pearson_se"].Scalar, 12);
        Assert.Equal([summary.Low, summary.High], scores["final_pearson_ci95"].Data, (a, e) => Math.Abs(a - e) < 1e-9);
        foreach (string key in new[] { "final_unceiled_pearson", "final_forward_pearson", "final_backward_pearson", "final_r2", "final_unceiled_r2", "final_forward_r2", "final_backward_r2" })
            Assert.True(scores[key + "_se"].Scalar > 0, key);
    }

    [Fact]
    public void Inverse_ridge_and_bidirectional_write_a_headline_bar_and_bootstrap_zero_leaves_the_note()
    {
        var random = new Random(22);
        var x = new float[60 * 6];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() - 0.5);
        var y = new double[60, 8];
        for (int i = 0; i < 60; i++)
            for (int t = 0; t < 8; t++) y[i, t] = x[i * 6 + t % 6] + 0.3 * (random.NextDouble() - 0.5);
        var inputs = new MetricInputs(new FeatureTensor(x, [60, 6]), y, Ceiling: Enumerable.Repeat(0.8, 8).ToArray());
        foreach (string metric in new[] { "inverse_ridge", "bidirectional" })
        {
            var scores = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 200 }).Score(inputs);
            var bar = HeadlineUncertainty.Of(scores);
            Assert.NotNull(bar);
            Assert.True(bar.StandardError > 0 && bar.Low <= scores.Headline && scores.Headline <= bar.High, $"{metric}: {bar} around {scores.Headline}");
            Assert.Equal(200, scores[scores.HeadlineKey + "_bootstrap"].Data.Length);

            var off = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 0 }).Score(inputs);
            Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
        }
    }
}
