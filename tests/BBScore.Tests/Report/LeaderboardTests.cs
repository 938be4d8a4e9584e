using BBScore.Metrics;
using BBScore.Report;

namespace BBScore.Tests.Report;

public sealed class LeaderboardTests
{
    [Fact]
    public void Latest_result_per_cell_wins_whatever_the_input_order_and_name_case()
    {
        var old = ReportSamples.Result(scores: ReportSamples.Ridge(0.1), minutes: 0);
        var newer = ReportSamples.Result(model: "ResNet18", scores: ReportSamples.Ridge(0.2), minutes: 5);
        var otherLayer = ReportSamples.Result(layer: "layer3", scores: ReportSamples.Ridge(0.3), minutes: 1);
        foreach (var rows in new[] { new[] { old, newer, otherLayer }, [otherLayer, newer, old] })
        {
            var latest = LatestResults.Of(rows);
            Assert.Equal(2, latest.Count);
            Assert.Contains(newer, latest);
            Assert.Contains(otherLayer, latest);
        }
    }

    [Fact]
    public void Rows_carry_score_error_bar_and_median_ceiling()
    {
        var withError = ReportSamples.Result(scores: ReportSamples.Ridge(0.42, se: 0.012, ci: [0.4, 0.45]), ceiling: [0.8, double.NaN, 0.6, 0.7]);
        var row = Leaderboard.RowOf(withError);
        Assert.Equal(0.42, row.Score);
        Assert.Equal("final_pearson", row.HeadlineKey);
        Assert.Equal(new ErrorBar(0.012, 0.4, 0.45), row.Error);
        Assert.Equal("± 0.012 [0.4, 0.45]", row.Error.Format());
        Assert.Equal(0.7, row.CeilingMedian);
        Assert.Equal("0.012", row.ErrorSortKey);

        var bare = Leaderboard.RowOf(ReportSamples.Result(scores: ReportSamples.Ridge(0.42)));
        Assert.True(bare.Error.IsEmpty);
        Assert.Equal("—", bare.Error.Format());
        Assert.Null(bare.CeilingMedian);
        Assert.Equal("", bare.ErrorSortKey);
    }

    [Fact]
    public void Error_bar_reads_either_part_alone_and_ignores_malformed_values()
    {
        var onlyCi = new ScoreSet("k");
        onlyCi.Add("k", 1.0);
        onlyCi.Add("k_ci95", new[] { 1.2, 0.9 }); // reversed: still an interval
        Assert.Equal(new ErrorBar(null, 0.9, 1.2), ErrorBar.For(onlyCi, "k"));
        Assert.Equal("[0.9, 1.2]", ErrorBar.For(onlyCi, "k").Format());
        Assert.Equal(ReportNumbers.SortKey(1.2 - 0.9), Leaderboard.RowOf(ReportSamples.Result(scores: onlyCi)).ErrorSortKey);

        var malformed = new ScoreSet("k");
        malformed.Add("k", 1.0);
        malformed.Add("k_se", new[] { 0.1, 0.2 });
        malformed.Add("k_ci95", new[] { 0.1, double.NaN });
        Assert.Same(ErrorBar.None, ErrorBar.For(malformed, "k"));

        var dotted = new ScoreSet("rsa_scores.spearman");
        dotted.Add("rsa_scores.spearman", 0.3);
        dotted.Add("rsa_scores.spearman_se", 0.05);
        Assert.Equal("± 0.05", ErrorBar.For(dotted, "rsa_scores.spearman").Format());
    }

    [Fact]
    public void Rows_rank_each_benchmark_best_first_with_NaN_last()
    {
        var rows = Leaderboard.Build(
        [
            ReportSamples.Result(layer: "layer1", scores: ReportSamples.Ridge(0.2)),
            ReportSamples.Result(layer: "layer2", scores: ReportSamples.Ridge(double.NaN)),
            ReportSamples.Result(layer: "layer3", scores: ReportSamples.Ridge(0.6)),
            ReportSamples.Result(layer: "layer4", benchmark: "AAA", scores: ReportSamples.Ridge(0.1)),
        ]);
        Assert.Equal(["layer4", "layer3", "layer1", "layer2"], rows.Select(r => r.Layer));
        Assert.True(double.IsNaN(rows[^1].Score));
    }
}
