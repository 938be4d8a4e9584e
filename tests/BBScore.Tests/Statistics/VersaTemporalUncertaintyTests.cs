using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Metrics.Similarity.Rsa;
using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;
using BBScore.Numerics.Statistics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>versa's and temporal_ridge's error bars: each resample equals the headline recomputed by brute force on
/// explicitly resampled held-out rows (predictions fixed), and the metrics write bars, or the --bootstrap 0 note.</summary>
public class VersaTemporalUncertaintyTests
{
    static double[,] Random2D(Random random, int rows, int columns, double[,]? like = null, double noise = 1)
    {
        var m = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) m[i, j] = (like is null ? 0 : like[i, j]) + noise * (random.NextDouble() - 0.5);
        return m;
    }

    static IReadOnlyList<int[]>[] Draws(Random random, int resamples, params int[] sizes) =>
        sizes.Select(n => (IReadOnlyList<int[]>)Enumerable.Range(0, resamples).Select(_ => Enumerable.Range(0, n).Select(_ => random.Next(n)).ToArray()).ToArray()).ToArray();

    [Fact]
    public void Versa_resamples_equal_the_rdm_correlation_recomputed_on_the_drawn_stimuli()
    {
        var random = new Random(8);
        int[] sizes = [9, 8];
        var measured = sizes.Select(n => Random2D(random, n, 5)).ToArray();
        var predicted = measured.Select(m => Random2D(random, m.GetLength(0), 5, m, 0.8)).ToArray();
        var folds = sizes.Select((n, g) => new VersaFoldRdms(DissimilarityMatrix.Condensed(predicted[g]), DissimilarityMatrix.Condensed(measured[g]), n)).ToArray();
        var draws = Draws(random, 30, sizes);
        var (ceiled, unceiled) = VersaUncertainty.Samples(folds, 0.5, new ExplicitResampler(draws));

        for (int b = 0; b < 30; b++)
        {
            var perFold = new double[sizes.Length];
            for (int g = 0; g < sizes.Length; g++)
            {
                int[] drawn = draws[g][b];
                var p = DissimilarityMatrix.Condensed(DrawnRows.Of(predicted[g], drawn));
                var m = DissimilarityMatrix.Condensed(DrawnRows.Of(measured[g], drawn));
                // Pairs of a stimulus with its own copy are dropped (rsatoolbox's pattern bootstrap).
                var keep = new List<int>();
                for (int i = 0, k = 0; i < drawn.Length; i++)
                    for (int j = i + 1; j < drawn.Length; j++, k++) if (drawn[i] != drawn[j]) keep.Add(k);
                perFold[g] = drawn.Distinct().Count() < 3 ? double.NaN
                    : VectorComparison.Compare(VectorComparisonMethod.Corr, keep.Select(k => p[k]).ToArray(), keep.Select(k => m[k]).ToArray());
            }
            Assert.Equal(NanStatistics.Mean(perFold), unceiled[b], 10);
            Assert.Equal(NanStatistics.Mean(perFold) / 0.5, ceiled[b], 10);
        }
    }

    [Fact]
    public void Temporal_ridge_resamples_equal_the_headline_recomputed_on_the_drawn_rows()
    {
        var random = new Random(9);
        int units = 4, bins = 3;
        int[] sizes = [12, 11];
        var heldOut = sizes.Select(n =>
        {
            var truth = Random2D(random, n, units * bins);
            return new HeldOutPredictions(truth, Random2D(random, n, units * bins, truth, 1.5));
        }).ToArray();
        var ceiling = ScorePostprocessing.FloorCeiling(Enumerable.Range(0, units * bins).Select(c => 0.4 + 0.05 * c).ToArray(), units * bins);
        var draws = Draws(random, 25, sizes);
        var (ceiled, unceiled) = TemporalRidgeUncertainty.Samples(heldOut, ceiling, units, bins, false, () => new ExplicitResampler(draws));

        for (int r = 0; r < 25; r++)
        {
            var perFold = heldOut.Select((h, g) => Scorers.Pearson(DrawnRows.Of(h.Truth, draws[g][r]), DrawnRows.Of(h.Predicted, draws[g][r]))).ToArray();
            double Headline(bool ceil) => NanStatistics.Mean(Enumerable.Range(0, bins).Select(b =>
                NanStatistics.Mean(perFold.Select(pearson =>
                    NanStatistics.Median(Enumerable.Range(0, units).Select(u => pearson[u * bins + b] / (ceil ? ceiling[u * bins + b] : 1)).ToArray())).ToArray())).ToArray());
            Assert.Equal(Headline(false), unceiled[r], 9);
            Assert.Equal(Headline(true), ceiled[r], 9);
        }
    }

    [Fact]
    public void Both_metrics_write_a_headline_bar_and_bootstrap_zero_leaves_the_note()
    {
        var random = new Random(10);
        var x = new float[60 * 6];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() - 0.5);
        var y = new double[60, 12];
        for (int i = 0; i < 60; i++)
            for (int t = 0; t < 12; t++) y[i, t] = x[i * 6 + t % 6] + 0.3 * (random.NextDouble() - 0.5);
        var features = new FeatureTensor(x, [60, 6]);
        foreach (var (metric, inputs) in new (string, MetricInputs)[]
                 {
                     ("versa", new MetricInputs(features, y)),
                     ("temporal_ridge", new MetricInputs(features, y, TargetUnitShape: [4, 3])),
                 })
        {
            var scores = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 200 }).Score(inputs);
            var bar = HeadlineUncertainty.Of(scores);
            Assert.NotNull(bar);
            Assert.True(bar.StandardError > 0 && bar.Low <= scores.Headline && scores.Headline <= bar.High, $"{metric}: {bar} around {scores.Headline}");
            Assert.Equal(200, scores[scores.HeadlineKey + "_bootstrap"].Data.Length);
            Assert.Equal(10, scores["bootstrap_groups"].Data.Length);

            var off = MetricCatalog.Create(metric, new MetricOptions { Bootstrap = 0 }).Score(inputs);
            Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
        }
    }
}
