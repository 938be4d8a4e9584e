using System.Text.Json;
using BBScore.Results;

namespace BBScore.Metrics.Regression;

/// <summary>Writes a bare score dictionary (no run record around it, as <c>bbscore score</c>
/// produces) with the result file's conventions: <c>headline</c> {key, value} and every score
/// under <c>metrics</c>, arrays as nested lists, NaN/±Infinity as null.</summary>
public static class ScoreSetJson
{
    /// <summary>Writes the <c>headline</c> and <c>metrics</c> properties into the object the writer is in.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, ScoreSet scores)
    {
        writer.WriteStartObject("headline");
        writer.WriteString("key", scores.HeadlineKey);
        writer.WritePropertyName("value");
        ScoreValueJson.WriteNumber(writer, scores.Headline);
        writer.WriteEndObject();

        writer.WriteStartObject("metrics");
        foreach (var (key, value) in scores)
        {
            writer.WritePropertyName(key);
            ScoreValueJson.Write(writer, value);
        }
        writer.WriteEndObject();
    }
}
