using BBScore.Features;
using BBScore.Metrics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>temporal_rsa's error bars: with one time bin they are rsa's (checked against rsatoolbox), with several
/// each resample is the mean over bins of the same draws, and --bootstrap 0 leaves the note.</summary>
public class TemporalRsaUncertaintyTests
{
    static MetricInputs Inputs(int bins, int seed)
    {
        var random = new Random(seed);
        int n = 30, d = 8, channels = 5;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() - 0.5);
        var y = new double[n, channels * bins];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < channels * bins; c++) y[i, c] = x[i * d + c % d] + 0.8 * (random.NextDouble() - 0.5);
        return new MetricInputs(new FeatureTensor(x, [n, d]), y, TargetUnitShape: [channels, bins], Seed: 5);
    }

    [Fact]
    public void One_time_bin_gives_rsa_s_pattern_bootstrap()
    {
        var inputs = Inputs(1, 1);
        var temporal = MetricCatalog.Create("temporal_rsa", new MetricOptions { Bootstrap = 300 }).Score(inputs);
        var rsa = MetricCatalog.Create("rsa", new MetricOptions { Bootstrap = 300 }).Score(inputs with { TargetUnitShape = null });
        foreach (string method in new[] { "spearman", "corr", "cosine" })
        {
            Assert.Equal(rsa[$"rsa_scores.{method}"].Scalar, temporal[$"mean_rsa_scores.{method}"].Scalar, 12);
            Assert.Equal(rsa[$"rsa_scores.{method}_se"].Scalar, temporal[$"mean_rsa_scores.{method}_se"].Scalar, 12);
            Assert.Equal(rsa[$"rsa_scores.{method}_ci95"].Data, temporal[$"mean_rsa_scores.{method}_ci95"].Data);
        }
        Assert.Equal(rsa["bootstrap_groups"].Data, temporal["bootstrap_groups"].Data);
    }

    [Fact]
    public void Several_bins_give_the_headline_a_bar_that_holds_it_and_bootstrap_zero_leaves_the_note()
    {
        var inputs = Inputs(4, 2);
        var scores = MetricCatalog.Create("temporal_rsa", new MetricOptions { Bootstrap = 300 }).Score(inputs);
        var bar = HeadlineUncertainty.Of(scores);
        Assert.NotNull(bar);
        Assert.True(bar.StandardError > 0 && bar.Low < scores.Headline && scores.Headline < bar.High, $"{bar} around {scores.Headline}");
        Assert.Equal(300, scores["mean_rsa_scores.spearman_bootstrap"].Data.Length);
        Assert.Contains(scores.Labels, l => l.Key == "mean_rsa_scores.kendall_se_note");

        var off = MetricCatalog.Create("temporal_rsa", new MetricOptions { Bootstrap = 0 }).Score(inputs);
        Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
    }
}
