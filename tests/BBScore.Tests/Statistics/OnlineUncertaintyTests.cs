using BBScore.Metrics;
using BBScore.Metrics.Online;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>The online read-outs' error bars: a bootstrap of test accuracy behaves as the binomial formula says,
/// ceiled twins are divided as the scores are, and --bootstrap 0 leaves notes.</summary>
public class OnlineUncertaintyTests
{
    [Fact]
    public void Accuracy_standard_error_matches_the_binomial_formula_and_the_ceiled_twin_is_divided_by_the_mean_ceiling()
    {
        var random = new Random(2);
        int n = 400;
        var truth = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray();
        var predicted = truth.Select(t => random.NextDouble() < 0.7 ? t : (t + 1) % 3).ToArray();
        double accuracy = truth.Zip(predicted).Count(p => p.First == p.Second) / (double)n;
        var scores = new ScoreSet("ceiled_gt_accuracy") { { "gt_accuracy", accuracy }, { "ceiled_gt_accuracy", accuracy / 0.8 }, { "ceiling_mean", 0.8 } };

        OnlineUncertainty.AddClassifier(scores, predicted, truth, 2000, 42);

        double binomial = Math.Sqrt(accuracy * (1 - accuracy) / n);
        double se = scores["gt_accuracy_se"].Scalar;
        Assert.InRange(se, 0.85 * binomial, 1.15 * binomial);
        Assert.Equal(se / 0.8, scores["ceiled_gt_accuracy_se"].Scalar, 12);
        var ci = scores["gt_accuracy_ci95"].Data;
        Assert.True(ci[0] < accuracy && accuracy < ci[1]);
        Assert.NotNull(HeadlineUncertainty.Of(scores)); // the headline (ceiled) has its bar
        Assert.Equal(2000, scores["ceiled_gt_accuracy_bootstrap"].Data.Length);
    }

    [Fact]
    public void Regressor_median_pearson_gets_a_bar_and_bootstrap_zero_leaves_notes()
    {
        var random = new Random(4);
        int n = 120, t = 5;
        var targets = new double[n, t];
        var predictions = new double[n, t];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < t; j++)
            {
                targets[i, j] = random.NextDouble();
                predictions[i, j] = targets[i, j] + 0.5 * random.NextDouble();
            }
        var scores = new ScoreSet("pearson_corr_median") { { "pearson_corr_median", 0.5 } };
        OnlineUncertainty.AddRegressor(scores, predictions, targets, false, 500, 1);
        Assert.True(scores["pearson_corr_median_se"].Scalar > 0);

        var off = new ScoreSet("gt_accuracy") { { "gt_accuracy", 0.5 } };
        OnlineUncertainty.AddClassifier(off, [0, 1], [0, 0], 0, 1);
        Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
    }
}
