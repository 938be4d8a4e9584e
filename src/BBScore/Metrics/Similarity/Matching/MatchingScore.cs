namespace BBScore.Metrics.Similarity.Matching;

/// <summary>One fold's matching score, unceiled and with each matched target's correlation divided by
/// that target's ceiling (equal when there is no ceiling), and the matching it averaged (null when undefined).</summary>
public readonly record struct MatchingScore(double Raw, double Ceiled, MatchedUnits? Matching = null)
{
    public static MatchingScore Undefined => new(double.NaN, double.NaN);
}
