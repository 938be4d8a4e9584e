using BBScore.Results;

namespace BBScore.Report;

/// <summary>The report shows one result per (model, layer, benchmark, metric) cell: reruns replace
/// earlier scores rather than adding rows, as a leaderboard compares cells, not attempts.</summary>
public static class LatestResults
{
    /// <summary>The newest result of each cell (names compared ignoring case, as the store's queries do);
    /// ties on the timestamp go to the larger id, so the choice never depends on the input order.</summary>
    public static IReadOnlyList<StoredResult> Of(IEnumerable<StoredResult> rows) =>
        rows.GroupBy(r => (Model: r.Model.ToLowerInvariant(), Layer: r.Layer.ToLowerInvariant(),
                           Benchmark: r.Benchmark.ToLowerInvariant(), Metric: r.Metric.ToLowerInvariant()))
            .Select(g => g.OrderByDescending(r => r.Timestamp).ThenByDescending(r => r.Id, StringComparer.Ordinal).First())
            .ToList();
}
