using BBScore.Tests.Support;
using System.Text.Json;
using BBScore.Metrics;
using BBScore.Results;

namespace BBScore.Tests.Results;

public class ResultJsonTests
{
    [Fact]
    public void RoundTripKeepsEveryFieldKeyShapeAndValue()
    {
        ResultRecord record = ResultSamples.Record();
        ResultRecord back = ResultJson.Deserialize(ResultJson.Serialize(record));
        ResultSamples.AssertSameRecord(record, back);
        Assert.Equal(0.4321, back.Scores.Headline);
    }

    [Fact]
    public void DottedKeysAreNestedObjectsAndComeBackDotted()
    {
        var scores = new ScoreSet("rsa_scores.spearman");
        scores.Add("rsa_scores.spearman", 0.25);
        scores.Add("rsa_scores.kendall", 0.125);
        scores.Add("rsa_scores_per_subject.spearman", new[] { 0.2, 0.3 });
        ResultRecord record = ResultSamples.Record() with { Scores = scores };

        string json = ResultJson.Serialize(record);
        using (JsonDocument doc = JsonDocument.Parse(json))
            Assert.Equal(0.125, doc.RootElement.GetProperty("metrics").GetProperty("rsa_scores").GetProperty("kendall").GetDouble());
        ResultRecord back = ResultJson.Deserialize(json);
        ResultSamples.AssertSameScores(scores, back.Scores);
        Assert.Equal(0.25, back.Scores.Headline);
    }

    [Fact]
    public void InfinityComesBackAsNaNAndNullOptionalsStayNull()
    {
        var scores = new ScoreSet("x");
        scores.Add("x", double.PositiveInfinity);
        scores.Add("v", new[] { double.NegativeInfinity, 1.0 });
        ResultRecord record = ResultSamples.Record() with { Scores = scores, Ceiling = null, RandomProjection = null, ConstituentLayers = [] };

        ResultRecord back = ResultJson.Deserialize(ResultJson.Serialize(record));
        Assert.True(double.IsNaN(back.Scores["x"].Scalar));
        Assert.True(double.IsNaN(back.Scores["v"].Data[0]));
        Assert.Equal(1.0, back.Scores["v"].Data[1]);
        Assert.Null(back.Ceiling);
        Assert.Null(back.RandomProjection);
        Assert.Empty(back.ConstituentLayers);
    }

    [Fact]
    public void LayoutUsesSnakeCaseNestedListsAndNullForNaN()
    {
        using JsonDocument doc = JsonDocument.Parse(ResultJson.Serialize(ResultSamples.Record()));
        JsonElement root = doc.RootElement;
        foreach (string field in new[] { "model", "layer", "benchmark", "metric", "timestamp", "seed", "tool_version", "git_commit",
                     "timing", "feature_cache_key", "feature_cache_hit", "preprocessing", "aggregation_mode", "random_projection",
                     "stimulus_set_hash", "compat", "constituent_layers", "ceiling", "headline", "metrics" })
            Assert.True(root.TryGetProperty(field, out _), $"missing '{field}'");

        Assert.Equal(12.5, root.GetProperty("timing").GetProperty("extraction_s").GetDouble());
        Assert.Equal(3.25, root.GetProperty("timing").GetProperty("metric_s").GetDouble());
        Assert.Equal(15.75, root.GetProperty("timing").GetProperty("total_s").GetDouble());
        Assert.Equal("final_pearson", root.GetProperty("headline").GetProperty("key").GetString());
        Assert.Equal(0.4321, root.GetProperty("headline").GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ceiling")[1].ValueKind);

        JsonElement metrics = root.GetProperty("metrics");
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("nan_scalar").ValueKind);
        JsonElement raw = metrics.GetProperty("raw_pearson");
        Assert.Equal(2, raw.GetArrayLength());
        Assert.Equal(3, raw[0].GetArrayLength());
        Assert.Equal(JsonValueKind.Null, raw[1][0].ValueKind);
        Assert.Equal(0.5, raw[1][1].GetDouble());
        Assert.Equal(8.0, metrics.GetProperty("cube")[1][1][1].GetDouble());
    }

    [Fact]
    public void FilesAreWrittenAtomicallyAndReadBack()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "nested", "result.json");
        ResultRecord first = ResultSamples.Record(model: "first");
        ResultJson.WriteFile(first, path);
        ResultSamples.AssertSameRecord(first, ResultJson.ReadFile(path));

        ResultRecord second = ResultSamples.Record(model: "second");
        ResultJson.WriteFile(second, path); // replaces the file
        Assert.Equal("second", ResultJson.ReadFile(path).Model);
        Assert.Equal(new[] { "result.json" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void RaggedListsAreRejected()
    {
        string json = ResultJson.Serialize(ResultSamples.Record())
            .Replace("\"cube\": [", "\"cube\": [[[1]],", StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ResultJson.Deserialize(json));
    }

    [Fact]
    public void MissingFieldsAreReportedByName()
    {
        string json = ResultJson.Serialize(ResultSamples.Record()).Replace("\"benchmark\":", "\"benchmark_x\":", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => ResultJson.Deserialize(json));
        Assert.Contains("'benchmark'", ex.Message);
    }

    [Fact]
    public void IdsSortByTimeAndAreUnique()
    {
        var t = new DateTimeOffset(2025, 1, 31, 14, 25, 30, 123, TimeSpan.Zero);
        string a = ResultIds.New(t), b = ResultIds.New(t), later = ResultIds.New(t.AddSeconds(1));
        Assert.StartsWith("20250131T142530123Z-", a);
        Assert.NotEqual(a, b);
        Assert.True(string.CompareOrdinal(later, a) > 0);
    }
}
