using BBScore.Metrics;
using BBScore.Results;

namespace BBScore.Tests.Results;

/// <summary>Result records with every kind of score value, and an exact comparison of records.</summary>
internal static class ResultSamples
{
    public static ScoreSet Scores(double headline = 0.4321)
    {
        var scores = new ScoreSet("final_pearson");
        scores.Add("final_pearson", headline);
        scores.Add("nan_scalar", double.NaN);
        scores.Add("per_target", new[] { 0.1, double.NaN, -0.0, 1e-300, 123456789.123456789, -2.5 });
        scores.Add("raw_pearson", new double[,] { { 0.1, 0.2, 0.3 }, { double.NaN, 0.5, 1.0 / 3.0 } });
        scores.Add("cube", new ScoreValue([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]));
        scores.Add("empty", new ScoreValue([], [0]));
        scores.Add("empty_rows", new ScoreValue([], [0, 3]));
        scores.Add("no_columns", new ScoreValue([], [2, 0]));
        return scores;
    }

    public static ResultRecord Record(
        string model = "resnet18", string layer = "layer4", string benchmark = "NSDV1Shared", string metric = "ridge",
        DateTimeOffset? timestamp = null, double headline = 0.4321, string? id = null)
    {
        DateTimeOffset time = timestamp ?? new DateTimeOffset(2025, 1, 31, 14, 25, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        return new ResultRecord
        {
            Id = id ?? ResultIds.New(time),
            Timestamp = time,
            Model = model,
            Layer = layer,
            Benchmark = benchmark,
            Metric = metric,
            Scores = Scores(headline),
            Ceiling = [0.9, double.NaN, 0.75],
            Seed = 7,
            ToolVersion = "0.1.0",
            GitCommit = "abc123",
            ExtractionSeconds = 12.5,
            MetricSeconds = 3.25,
            TotalSeconds = 15.75,
            FeatureCacheKey = "feat-0123",
            FeatureCacheHit = true,
            Preprocessing = "resize 256, center-crop 224, ImageNet normalisation",
            AggregationMode = "concatenate",
            RandomProjection = "sparse:4096",
            StimulusSetHash = "deadbeef",
            Compat = "bbscore",
            ConstituentLayers = ["layer3", "layer4"],
        };
    }

    public static void AssertSameRecord(ResultRecord expected, ResultRecord actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.Layer, actual.Layer);
        Assert.Equal(expected.Benchmark, actual.Benchmark);
        Assert.Equal(expected.Metric, actual.Metric);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.ToolVersion, actual.ToolVersion);
        Assert.Equal(expected.GitCommit, actual.GitCommit);
        Assert.Equal(expected.ExtractionSeconds, actual.ExtractionSeconds);
        Assert.Equal(expected.MetricSeconds, actual.MetricSeconds);
        Assert.Equal(expected.TotalSeconds, actual.TotalSeconds);
        Assert.Equal(expected.FeatureCacheKey, actual.FeatureCacheKey);
        Assert.Equal(expected.FeatureCacheHit, actual.FeatureCacheHit);
        Assert.Equal(expected.Preprocessing, actual.Preprocessing);
        Assert.Equal(expected.AggregationMode, actual.AggregationMode);
        Assert.Equal(expected.RandomProjection, actual.RandomProjection);
        Assert.Equal(expected.StimulusSetHash, actual.StimulusSetHash);
        Assert.Equal(expected.Compat, actual.Compat);
        Assert.Equal(expected.ConstituentLayers, actual.ConstituentLayers);
        AssertSameNumbers(expected.Ceiling, actual.Ceiling);
        AssertSameScores(expected.Scores, actual.Scores);
    }

    /// <summary>Same keys in the same order, same shapes, same values; NaN equals NaN and
    /// ±Infinity is expected back as NaN (JSON null).</summary>
    public static void AssertSameScores(ScoreSet expected, ScoreSet actual)
    {
        Assert.Equal(expected.HeadlineKey, actual.HeadlineKey);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, value) in expected)
        {
            ScoreValue other = actual[key];
            Assert.True(value.Shape.SequenceEqual(other.Shape),
                $"'{key}': shape [{string.Join(",", value.Shape)}] came back as [{string.Join(",", other.Shape)}]");
            AssertSameNumbers(value.Data, other.Data);
        }
    }

    public static void AssertSameNumbers(double[]? expected, double[]? actual)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.IsFinite(expected[i]) ? expected[i] : double.NaN;
            if (double.IsNaN(e)) Assert.True(double.IsNaN(actual[i]), $"index {i}: expected NaN, got {actual[i]}");
            else Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(actual[i]));
        }
    }
}
