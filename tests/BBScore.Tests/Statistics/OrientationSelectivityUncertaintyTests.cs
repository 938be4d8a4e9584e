using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Tuning;
using BBScore.Numerics.Statistics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>orientation_selectivity's <c>mean_cv</c> bar: a unit bootstrap of a mean, so its standard error is the
/// standard error of the mean, each resample is the NaN-mean of the drawn units, and --bootstrap 0 leaves the note.</summary>
public class OrientationSelectivityUncertaintyTests
{
    [Fact]
    public void Standard_error_is_that_of_a_mean_and_resamples_are_the_drawn_units_nan_mean()
    {
        var random = new Random(6);
        double[] cv = Enumerable.Range(0, 500).Select(u => u % 50 == 0 ? double.NaN : random.NextDouble()).ToArray();
        var finite = cv.Where(double.IsFinite).ToArray();
        double mean = finite.Average();
        var scores = new ScoreSet("mean_cv") { { "mean_cv", mean } };
        OrientationSelectivityUncertainty.Add(scores, cv, 2000, 3);
        double sd = Math.Sqrt(finite.Sum(c => (c - mean) * (c - mean)) / (finite.Length - 1));
        Assert.InRange(scores["mean_cv_se"].Scalar, 0.9 * sd / Math.Sqrt(finite.Length), 1.1 * sd / Math.Sqrt(finite.Length));
        Assert.Equal(2000, scores["mean_cv_bootstrap"].Data.Length);

        var draws = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, cv.Length).Select(_ => random.Next(cv.Length)).ToArray()).ToArray();
        double[] samples = OrientationSelectivityUncertainty.Samples(cv, new ExplicitResampler([draws]));
        for (int b = 0; b < draws.Length; b++)
            Assert.Equal(draws[b].Select(u => cv[u]).Where(double.IsFinite).Average(), samples[b], 12);
    }

    [Fact]
    public void The_metric_writes_the_bar_and_bootstrap_zero_leaves_the_note()
    {
        double[] angles = [0, 22.5, 45, 67.5, 90, 112.5, 135, 157.5];
        int units = 30;
        var random = new Random(2);
        var labels = new double[angles.Length * 2, 4];
        var data = new float[angles.Length * 2 * units];
        for (int r = 0; r < labels.GetLength(0); r++)
        {
            labels[r, 0] = angles[r / 2];
            for (int u = 0; u < units; u++) data[r * units + u] = (float)(1 + Math.Cos(2 * (angles[r / 2] - 6 * u) * Math.PI / 180) * random.NextDouble() + random.NextDouble());
        }
        var inputs = new MetricInputs(new FeatureTensor(data, [labels.GetLength(0), units]), labels);
        var scores = MetricCatalog.Create("orientation_selectivity", new MetricOptions { Bootstrap = 200 }).Score(inputs);
        Assert.True(HeadlineUncertainty.Of(scores)!.StandardError > 0);
        Assert.Equal([(double)units], scores["bootstrap_groups"].Data);
        var off = MetricCatalog.Create("orientation_selectivity", new MetricOptions { Bootstrap = 0 }).Score(inputs);
        Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
    }
}
