namespace BBScore.Report;

/// <summary>One row of the leaderboard: a cell's latest result.</summary>
/// <param name="Score">The headline value; NaN when not a finite number.</param>
/// <param name="CeilingMedian">Median over targets of the stored per-target ceiling; null when the result has none.</param>
public sealed record LeaderboardRow(
    string Model, string Layer, string Benchmark, string Metric,
    string HeadlineKey, double Score, ErrorBar Error, double? CeilingMedian, DateTimeOffset Timestamp, string ResultId)
{
    /// <summary>What the error-bar column sorts by: the standard error, else the interval's width; empty when
    /// neither is stored (the script sorts empty keys last).</summary>
    public string ErrorSortKey =>
        ReportNumbers.SortKey(Error.StandardError ?? (Error.HasInterval ? Error.High - Error.Low : null));
}
