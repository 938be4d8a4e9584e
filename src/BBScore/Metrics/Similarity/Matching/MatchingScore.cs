namespace BBScore.Metrics.Similarity.Matching;

/// <summary>One fold's matching score, unceiled and with each matched target's correlation divided by
/// that target's ceiling (equal when there is no ceiling).</summary>
public readonly record struct MatchingScore(double Raw, double Ceiled)
{
    public static MatchingScore Undefined => new(double.NaN, double.NaN);
}
