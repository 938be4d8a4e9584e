using BBScore.Metrics;
using BBScore.Metrics.Similarity.Matching;
using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Statistics;
using BBScore.Tests.Matching;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>one_to_one's and semi_matching's error bars: each resample is the fold score recomputed by brute force on
/// explicitly resampled held-out rows with the fold's matching kept, the identity draw gives the score back, and the
/// metrics (soft_matching's too) write bars or the --bootstrap 0 note.</summary>
public class MatchingUncertaintyTests
{
    static double[,] Rows(double[,] m, int[] rows)
    {
        var picked = new double[rows.Length, m.GetLength(1)];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < m.GetLength(1); j++) picked[i, j] = m[rows[i], j];
        return picked;
    }

    static double[,] Matrix(FeatureMatrix x)
    {
        var m = new double[x.Rows, x.Cols];
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Cols; j++) m[i, j] = x.Data[i * x.Cols + j];
        return m;
    }

    [Theory]
    [InlineData("one_to_one")]
    [InlineData("semi_matching")]
    public void Resamples_equal_the_matched_score_recomputed_on_the_drawn_rows(string metric)
    {
        var random = new Random(12);
        double[] ceiling = [0.5, 0.6, 0.7, 0.8, 0.9];
        var folds = new[] { 14, 13 }.Select((n, g) =>
        {
            var (x, y) = MatchingData.Copies(n, 6, [0, 2, 4, 5, -1], noise: 0.8, seed: 20 + g);
            var features = FeatureMatrix.From(x);
            var r = PearsonMatrix.BetweenColumns(Matrix(features), y);
            var score = metric == "one_to_one" ? OneToOneMatching.Full(r, ceiling) : SemiMatching.Score(r, ceiling);
            return new MatchingFold(features, y, score);
        }).ToArray();

        // The identity draw (every row once) gives each fold's score back.
        var identity = folds.Select(f => (IReadOnlyList<int[]>)new[] { Enumerable.Range(0, f.Features.Rows).ToArray() }).ToArray();
        var (once, onceUnceiled) = MatchingUncertainty.Samples(folds, ceiling, new ExplicitResampler(identity));
        Assert.Equal(folds.Average(f => f.Score.Ceiled), once[0], 10);
        Assert.Equal(folds.Average(f => f.Score.Raw), onceUnceiled[0], 10);

        var draws = folds.Select(f => (IReadOnlyList<int[]>)Enumerable.Range(0, 20)
            .Select(_ => Enumerable.Range(0, f.Features.Rows).Select(_ => random.Next(f.Features.Rows)).ToArray()).ToArray()).ToArray();
        var (ceiled, unceiled) = MatchingUncertainty.Samples(folds, ceiling, new ExplicitResampler(draws));
        for (int b = 0; b < 20; b++)
        {
            var perFold = folds.Select((f, g) =>
            {
                var r = PearsonMatrix.BetweenColumns(Rows(Matrix(f.Features), draws[g][b]), Rows(f.Targets, draws[g][b]));
                return f.Score.Matching!.Score((i, j) => r[i, j], ceiling);
            }).ToArray();
            Assert.Equal(NanStatistics.Mean(perFold.Select(s => s.Ceiled).ToArray()), ceiled[b], 9);
            Assert.Equal(NanStatistics.Mean(perFold.Select(s => s.Raw).ToArray()), unceiled[b], 9);
        }
        Assert.True(BootstrapSummary.Of(ceiled)!.StandardError > 0);
    }

    [Theory]
    [InlineData("one_to_one")]
    [InlineData("semi_matching")]
    [InlineData("soft_matching")]
    public void The_metrics_write_a_headline_bar_and_bootstrap_zero_leaves_the_note(string metric)
    {
        var (x, y) = MatchingData.Copies(80, 6, [0, 2, 4, 5], noise: 0.8, seed: 31);
        var scores = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 100 }).Score(new MetricInputs(x, y));
        var bar = HeadlineUncertainty.Of(scores);
        Assert.NotNull(bar);
        Assert.True(bar.StandardError > 0, $"{metric}: {bar}");
        Assert.Equal(10, scores["bootstrap_groups"].Data.Length);

        var off = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 0 }).Score(new MetricInputs(x, y));
        Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
    }
}
