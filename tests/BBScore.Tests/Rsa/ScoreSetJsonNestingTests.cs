using BBScore.Results;
using System.Text.Json;
using BBScore.Metrics;
using BBScore.Metrics.Regression;

namespace BBScore.Tests.Rsa;

public class ScoreSetJsonNestingTests
{
    static string Write(ScoreSet scores)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            ScoreSetJson.WriteProperties(writer, scores);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void DottedKeysBecomeNestedObjectsInFirstAppearanceOrder()
    {
        var scores = new ScoreSet("rsa_scores.spearman");
        scores.Add("rsa_scores.spearman", 0.5);
        scores.Add("rsa_scores.corr", double.NaN);
        scores.Add("noise_ceiling_lower.spearman", 0.25);
        scores.Add("rsa_scores_per_subject.spearman", new[] { 0.5, 0.75 });
        scores.Add("alpha", 1.0);
        Assert.Equal(
            """{"headline":{"key":"rsa_scores.spearman","value":0.5},"metrics":{"rsa_scores":{"spearman":0.5,"corr":null},"noise_ceiling_lower":{"spearman":0.25},"rsa_scores_per_subject":{"spearman":[0.5,0.75]},"alpha":1}}""",
            Write(scores));
    }

    [Fact]
    public void KeysThatWouldCollideWhenNestedAreWrittenFlat()
    {
        var scores = new ScoreSet("a");
        scores.Add("a", 1.0);
        scores.Add("a.b", 2.0);
        Assert.Equal("""{"headline":{"key":"a","value":1},"metrics":{"a":1,"a.b":2}}""", Write(scores));
    }
}
