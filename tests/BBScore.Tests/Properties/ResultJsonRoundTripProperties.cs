using BBScore.Metrics;
using BBScore.Results;
using BBScore.Tests.Results;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>
/// The result file round trip. What the format promises (ResultJson, ScoreValueJson): every field comes back,
/// scores keep their exact shapes (empty ones too, through <c>metric_shapes</c>) and finite values bit for bit;
/// NaN and ±∞ are written as null and come back as NaN. Key order: dotted keys are nested objects whose members
/// appear in order of first appearance, so the order survives exactly when keys sharing a prefix are adjacent
/// (e.g. sorted); otherwise they come back grouped under their prefix.
/// </summary>
public class ResultJsonRoundTripProperties
{
    /// <summary>Pieces of text that JSON must escape or that are not ASCII (valid UTF-16 only).</summary>
    static readonly Gen<string> Text = Gen.OneOf("a", "Z", "0", "_", " ", ".", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "€", "😀", "+", "<", "&")
        .Array[0, 6].Select(string.Concat);

    static readonly Gen<string> Segment = Gen.OneOf("a", "b", "final_pearson", "rsa_scores", "spearman", "é", "q\"", "x\\y", "", "1");

    static readonly Gen<string> Key = Segment.Array[1, 3].Select(parts => string.Join('.', parts));

    /// <summary>Finite doubles of every magnitude plus NaN payloads, ±∞, ±0 and subnormals.</summary>
    static readonly Gen<double> Number = Gen.Frequency((3, Gen.Double.Special), (1, Gen.Double[-1, 1]), (1, Gen.OneOf(double.NaN, double.PositiveInfinity, -0.0, double.Epsilon, double.MaxValue)));

    static readonly Gen<ScoreValue> Value = Gen.Int[0, 3].SelectMany(rank => Gen.Int[0, 4].Array[rank]).SelectMany(shape =>
        Number.Array[shape.Aggregate(1, (a, b) => a * b)].Select(data => new ScoreValue(data, shape)));

    static Gen<ScoreSet> Scores(bool sortedKeys) =>
        Gen.Select(Key.Array[0, 6], Value.Array[6], Gen.Int[0, 6], Key, (keys, values, headline, otherKey) =>
        {
            var distinct = keys.Distinct().ToList();
            if (sortedKeys) distinct.Sort(StringComparer.Ordinal);
            var scores = new ScoreSet(headline < distinct.Count ? distinct[headline] : otherKey);
            for (int i = 0; i < distinct.Count; i++) scores.Add(distinct[i], values[i]);
            return scores;
        });

    static readonly Gen<DateTimeOffset> Timestamp = Gen.Select(Gen.Long[new DateTime(1990, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks], Gen.Int[-14 * 60, 14 * 60],
        (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)));

    static Gen<ResultRecord> Records(bool sortedKeys) =>
        Gen.Select(
            Gen.Select(Text, Text, Text, Text, Text, Timestamp, Gen.Int, Scores(sortedKeys)),
            Gen.Select(Number, Number, Number, Number.Array[0, 5].Null(), Text.Null(), Gen.Bool, Text.Array[0, 3], Text),
            (a, b) => new ResultRecord
            {
                Id = a.Item1,
                Model = a.Item2,
                Layer = a.Item3,
                Benchmark = a.Item4,
                Metric = a.Item5,
                Timestamp = a.Item6,
                Seed = a.Item7,
                Scores = a.Item8,
                ExtractionSeconds = b.Item1,
                MetricSeconds = b.Item2,
                TotalSeconds = b.Item3,
                Ceiling = b.Item4,
                RandomProjection = b.Item5,
                FeatureCacheHit = b.Item6,
                ConstituentLayers = b.Item7,
                ToolVersion = b.Item8,
                GitCommit = b.Item8 + "g",
                FeatureCacheKey = a.Item1 + "k",
                Preprocessing = a.Item2 + "\n" + b.Item8,
                AggregationMode = a.Item3,
                StimulusSetHash = a.Item4,
                Compat = a.Item5,
            });

    static void SameFields(ResultRecord expected, ResultRecord actual)
    {
        True(expected.Id == actual.Id && expected.Model == actual.Model && expected.Layer == actual.Layer && expected.Benchmark == actual.Benchmark
             && expected.Metric == actual.Metric && expected.ToolVersion == actual.ToolVersion && expected.GitCommit == actual.GitCommit
             && expected.FeatureCacheKey == actual.FeatureCacheKey && expected.Preprocessing == actual.Preprocessing
             && expected.AggregationMode == actual.AggregationMode && expected.RandomProjection == actual.RandomProjection
             && expected.StimulusSetHash == actual.StimulusSetHash && expected.Compat == actual.Compat, "a string field changed");
        True(expected.Timestamp == actual.Timestamp && expected.Timestamp.Offset == actual.Timestamp.Offset,
            $"timestamp {actual.Timestamp:O}, expected {expected.Timestamp:O}");
        True(expected.Seed == actual.Seed && expected.FeatureCacheHit == actual.FeatureCacheHit, "seed or cache hit changed");
        True(expected.ConstituentLayers.SequenceEqual(actual.ConstituentLayers), "constituent layers changed");
        ResultSamples.AssertSameNumbers([expected.ExtractionSeconds, expected.MetricSeconds, expected.TotalSeconds],
            [actual.ExtractionSeconds, actual.MetricSeconds, actual.TotalSeconds]);
        ResultSamples.AssertSameNumbers(expected.Ceiling, actual.Ceiling);
    }

    [Fact]
    public void Write_then_read_gives_the_same_record_with_non_finite_numbers_as_NaN()
    {
        Run(Records(sortedKeys: true), record =>
        {
            var back = ResultJson.Deserialize(ResultJson.Serialize(record));
            SameFields(record, back);
            ResultSamples.AssertSameScores(record.Scores, back.Scores); // keys in the same order
            ResultSamples.AssertSameNumbers([record.Scores.Headline], [back.Scores.Headline]);
        }, iterations: 300, seed: 11);
    }

    [Fact]
    public void Any_key_order_comes_back_grouped_by_dotted_prefix_in_order_of_first_appearance()
    {
        Run(Records(sortedKeys: false), record =>
        {
            var back = ResultJson.Deserialize(ResultJson.Serialize(record));
            SameFields(record, back);
            var keys = record.Scores.Keys.ToList();
            var expectedOrder = Nests(keys) ? Grouped(keys.Select(k => k.Split('.')).ToList(), 0).ToList() : keys;
            True(expectedOrder.SequenceEqual(back.Scores.Keys), $"keys came back as [{string.Join(" | ", back.Scores.Keys)}], expected [{string.Join(" | ", expectedOrder)}]");
            foreach (var (key, value) in record.Scores)
            {
                True(value.Shape.SequenceEqual(back.Scores[key].Shape), $"'{key}' changed shape");
                ResultSamples.AssertSameNumbers(value.Data, back.Scores[key].Data);
            }
        }, iterations: 300, seed: 12);
    }

    [Fact]
    public void Serializing_what_was_read_reproduces_the_file_exactly()
    {
        Run(Records(sortedKeys: false), record =>
        {
            string json = ResultJson.Serialize(record);
            string again = ResultJson.Serialize(ResultJson.Deserialize(json));
            True(json == again, $"second write differs:\n{json}\n---\n{again}");
        }, iterations: 200, seed: 13);
    }

    /// <summary>Keys are nested only when every segment is non-empty and no key is the dotted prefix of another.</summary>
    static bool Nests(List<string> keys) =>
        keys.All(k => k.Split('.').All(p => p.Length > 0)) && !keys.Any(k => keys.Any(o => o.StartsWith(k + ".", StringComparison.Ordinal)));

    static IEnumerable<string> Grouped(List<string[]> paths, int depth) =>
        paths.GroupBy(p => p[depth]).SelectMany(g => g.Count() == 1 && g.First().Length == depth + 1
            ? [string.Join('.', g.First())]
            : Grouped(g.ToList(), depth + 1));
}
