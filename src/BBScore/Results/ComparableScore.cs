using System.Globalization;
using BBScore.Metrics;

namespace BBScore.Results;

/// <summary>A stored result's headline with its resampled values, ready to be compared with another result
/// resampled the same way (<c>bbscore compare</c>).</summary>
/// <param name="PairingKey">Benchmark, metric, headline, seed, resample count and resampled group sizes: two
/// results with the same key drew the same resamples (the draws depend on nothing else).</param>
public sealed record ComparableScore(StoredResult Result, double Value, double[] Samples, string PairingKey)
{
    public string Label => $"{Result.Model} {Result.Layer}";

    /// <summary>The headline and its <c>_bootstrap</c> values; fails, saying why, for results that have none.</summary>
    public static ComparableScore From(StoredResult result)
    {
        var scores = result.Record.Scores;
        string key = scores.HeadlineKey;
        if (!scores.TryGet(key + "_bootstrap", out var samples))
            throw new ArgumentException(
                $"result {result.Id} ({result.Model} {result.Layer} {result.Benchmark} {result.Metric}) has no resampled {key}: " +
                (HeadlineUncertainty.Note(scores) is { } why ? why : "it was stored before error bars existed") +
                "; run it again (bootstrap on by default) to compare it.");
        double[] groups = scores.TryGet("bootstrap_groups", out var g) ? g.Data : [];
        string pairing = string.Join("|", result.Benchmark, result.Metric, key,
            scores.TryGet("bootstrap_seed", out var seed) ? seed.Scalar.ToString(CultureInfo.InvariantCulture) : "?",
            samples.Data.Length.ToString(CultureInfo.InvariantCulture), string.Join(",", groups.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        return new ComparableScore(result, scores.Headline, samples.Data, pairing);
    }

    /// <summary>Fails, naming the difference, unless every score was resampled the same way.</summary>
    public static void EnsurePaired(IReadOnlyList<ComparableScore> scores)
    {
        foreach (var other in scores.Skip(1))
            if (other.PairingKey != scores[0].PairingKey)
                throw new ArgumentException(
                    $"{scores[0].Result.Id} and {other.Result.Id} were not resampled the same way ({Describe(scores[0])} vs {Describe(other)}): " +
                    "compare results of the same benchmark and metric, run with the same --seed and --bootstrap.");
    }

    static string Describe(ComparableScore s) => s.PairingKey.Replace("|", " ", StringComparison.Ordinal);
}
