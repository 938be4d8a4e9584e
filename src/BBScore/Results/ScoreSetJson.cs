using System.Text.Json;
using BBScore.Metrics;

namespace BBScore.Results;

/// <summary>Writes a bare score dictionary (no run record around it, as <c>bbscore score</c>
/// produces) with the result file's conventions: <c>headline</c> {key, value} and every score
/// under <c>metrics</c>, arrays as nested lists, NaN/±Infinity as null. A key with dots is written
/// as nested objects (<c>rsa_scores.spearman</c> → <c>"rsa_scores": {"spearman": ...}</c>), the
/// original's dictionary-of-dictionaries shape; the headline key stays in its dotted form.</summary>
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
        WriteNested(writer, scores);
        writer.WriteEndObject();
    }

    /// <summary>Writes every score as a property of the current object, dotted keys as nested objects. When a
    /// key is also the dotted prefix of another (<c>a</c> and <c>a.b</c>), nesting would give one name two
    /// values, so all keys are then written flat, as given.</summary>
    public static void WriteNested(Utf8JsonWriter writer, ScoreSet scores)
    {
        var keys = scores.Keys.ToHashSet();
        bool nest = !keys.Any(k => keys.Any(other => other.Length > k.Length && other.StartsWith(k + ".", StringComparison.Ordinal)))
                    && keys.All(k => k.Split('.').All(part => part.Length > 0));
        if (!nest)
        {
            foreach (var (key, value) in scores)
            {
                writer.WritePropertyName(key);
                ScoreValueJson.Write(writer, value);
            }
            return;
        }
        WriteGroup(writer, scores.Select(e => (Path: e.Key.Split('.'), e.Value)).ToList(), depth: 0);
    }

    /// <summary>Entries sharing their path up to <paramref name="depth"/>; each distinct next segment becomes a
    /// property, in order of first appearance.</summary>
    static void WriteGroup(Utf8JsonWriter writer, List<(string[] Path, ScoreValue Value)> entries, int depth)
    {
        foreach (var group in entries.GroupBy(e => e.Path[depth]))
        {
            writer.WritePropertyName(group.Key);
            var members = group.ToList();
            if (members is [var leaf] && leaf.Path.Length == depth + 1)
            {
                ScoreValueJson.Write(writer, leaf.Value);
                continue;
            }
            writer.WriteStartObject();
            WriteGroup(writer, members, depth + 1);
            writer.WriteEndObject();
        }
    }
}
