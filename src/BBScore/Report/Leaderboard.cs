using BBScore.Results;

namespace BBScore.Report;

/// <summary>The leaderboard table: one row per cell (see <see cref="LatestResults"/>).</summary>
public static class Leaderboard
{
    /// <summary>Rows ordered by benchmark, metric, then best score first (NaN last), then model and layer, so
    /// the page opens with each benchmark's ranking; the page's script re-sorts by any column.</summary>
    public static IReadOnlyList<LeaderboardRow> Build(IEnumerable<StoredResult> latest) =>
        latest.Select(RowOf)
            .OrderBy(r => r.Benchmark, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Metric, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => double.IsNaN(r.Score) ? 1 : 0)
            .ThenByDescending(r => double.IsNaN(r.Score) ? 0 : r.Score)
            .ThenBy(r => r.Model, NaturalOrder.Instance)
            .ThenBy(r => r.Layer, NaturalOrder.Instance)
            .ToList();

    public static LeaderboardRow RowOf(StoredResult result)
    {
        var scores = result.Record.Scores;
        double score = double.IsFinite(scores.Headline) ? scores.Headline : double.NaN;
        return new LeaderboardRow(result.Model, result.Layer, result.Benchmark, result.Metric, scores.HeadlineKey, score,
            ErrorBar.For(scores, scores.HeadlineKey), CeilingMedian(result.Record.Ceiling), result.Timestamp, result.Id);
    }

    /// <summary>Null without a ceiling, or when no target's ceiling is a finite number.</summary>
    public static double? CeilingMedian(double[]? ceiling) =>
        ceiling is null ? null : Quantiles.Median(ceiling) is var median && double.IsFinite(median) ? median : null;
}
