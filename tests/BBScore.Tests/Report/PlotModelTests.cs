using BBScore.Metrics;
using BBScore.Report;

namespace BBScore.Tests.Report;

public sealed class PlotModelTests
{
    [Fact]
    public void Layer_profile_puts_layers_in_natural_order_on_one_axis_with_one_line_per_model()
    {
        var results = new[]
        {
            ReportSamples.Result(model: "vit", layer: "layer10", scores: ReportSamples.Ridge(0.3, ci: [0.25, 0.35]), minutes: 1),
            ReportSamples.Result(model: "vit", layer: "layer2", scores: ReportSamples.Ridge(0.2), minutes: 2),
            ReportSamples.Result(model: "resnet18", layer: "layer4", scores: ReportSamples.Ridge(0.4, ci: [0.3, 0.5]), minutes: 3),
            ReportSamples.Result(model: "resnet18", layer: "layer2", scores: ReportSamples.Ridge(0.1, ci: [0.05, 0.15]), minutes: 4),
        };
        var chart = Assert.Single(LayerProfiles.Build(results));
        Assert.Equal(["layer2", "layer4", "layer10"], chart.XTicks!.Select(t => t.Label));
        Assert.Equal("final_pearson", chart.YLabel);
        Assert.Empty(chart.Bands); // no ceiling stored

        Assert.Equal(["resnet18", "vit"], chart.Lines.Select(l => l.Label));
        var resnet = chart.Lines[0];
        Assert.Equal([0.0, 1.0], resnet.X);
        Assert.Equal([0.1, 0.4], resnet.Y);
        Assert.Equal([0.05, 0.3], resnet.Low!);
        Assert.Equal([0.15, 0.5], resnet.High!);

        var vit = chart.Lines[1];
        Assert.Equal([0.0, 2.0], vit.X);
        Assert.True(double.IsNaN(vit.Low![0]));  // layer2 has no interval
        Assert.Equal(0.25, vit.Low[1]);
    }

    [Fact]
    public void Layer_profile_with_a_ceiling_draws_its_spread_as_a_band_and_the_unceiled_scores_dashed()
    {
        double[] ceiling = [0.2, 0.4, 0.6, 0.8, double.NaN];
        var results = new[]
        {
            ReportSamples.Result(layer: "layer3", scores: ReportSamples.Ridge(0.5, unceiled: 0.25), ceiling: ceiling),
            ReportSamples.Result(layer: "layer4", scores: ReportSamples.Ridge(0.6, unceiled: 0.3), ceiling: ceiling, minutes: 1),
        };
        var chart = LayerProfiles.ChartOf("NSDV1Shared", "ridge", results);
        var band = Assert.Single(chart.Bands);
        Assert.Equal(0.35, band.Low, 12);
        Assert.Equal(0.65, band.High, 12);
        Assert.Equal(0.5, band.Middle, 12);
        Assert.Equal(2, chart.Lines.Count);
        var dashed = chart.Lines[1];
        Assert.True(dashed.Dashed);
        Assert.Equal("resnet18 (unceiled)", dashed.Label);
        Assert.Equal([0.25, 0.3], dashed.Y);
        Assert.Equal("final_unceiled_pearson", LayerProfiles.UnceiledKey("final_pearson"));
        Assert.Null(LayerProfiles.UnceiledKey("rsa_scores.spearman"));
    }

    [Theory]
    [InlineData("_orig_mod.resnet.encoder.stages.2|_orig_mod.resnet.encoder.stages.3", "_orig_mod.resnet.encoder.stages.")]
    [InlineData("encoder.layer.2|encoder.layer.11", "encoder.layer.")]
    [InlineData("encoder.layer.1|encoder.layer.11", "encoder.layer.")]
    [InlineData("a.b|a.b.c", "a.")]
    [InlineData("layer3|layer4", "")]
    [InlineData("blocks.1", "")]
    public void Shared_dotted_prefix_of_layer_names_moves_to_the_axis_label(string layers, string prefix) =>
        Assert.Equal(prefix, LayerProfiles.SharedPrefix(layers.Split('|')));

    [Fact]
    public void Profiles_are_one_plot_per_benchmark_and_metric_with_unique_file_names()
    {
        var charts = LayerProfiles.Build(
        [
            ReportSamples.Result(metric: "ridge"), ReportSamples.Result(metric: "pls"),
            ReportSamples.Result(benchmark: "NSDV4Shared"), ReportSamples.Result(benchmark: "nsdv4shared", layer: "layer3"),
        ]);
        Assert.Equal(3, charts.Count);
        Assert.Equal(3, charts.Select(c => c.Name).Distinct().Count());
        Assert.All(charts, c => Assert.Matches("^[a-z0-9_-]+$", c.Name));
        Assert.NotEqual(PlotNames.For("x", "Layer4"), PlotNames.For("x", "layer4"));
    }

    [Fact]
    public void Histogram_counts_values_into_edges_and_skips_non_finite_ones()
    {
        var h = Histogram.Uniform([0, 0.1, 0.5, 0.99, 1.0, double.NaN, 2, -1], 0, 1, 4);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], h.Edges);
        Assert.Equal([2, 0, 1, 2], h.Counts);
        var single = Histogram.Spanning([3, 3, 3], 5);
        Assert.Equal(3, single.Total);
        Assert.Equal(2.5, single.Edges[0]);
        Assert.Empty(Histogram.Spanning([double.NaN], 5).Counts);
    }

    [Fact]
    public void Per_target_histogram_averages_folds_and_shares_bins_between_raw_and_ceiled()
    {
        var raw = new double[,] { { 0.1, 0.2, double.NaN }, { 0.3, 0.4, double.NaN } };
        var ceiled = new double[,] { { 0.2, 0.4, double.NaN }, { 0.6, 0.8, double.NaN } };
        Assert.Equal([0.2, 0.30000000000000004, double.NaN], PerTargetScores.PerTarget(ScoreValue.Of(raw))!);
        var figure = PerTargetScores.Figure(ReportSamples.Result(scores: ReportSamples.Ridge(0.5, raw: raw, ceiled: ceiled), ceiling: [0.5, 0.5, 0.5]))!;
        var chart = Assert.IsType<HistogramChart>(figure.Plot);
        Assert.Equal(["ceiled_pearson", "raw_pearson"], chart.Series.Select(s => s.Label));
        Assert.Equal(chart.Series[0].Bins.Edges, chart.Series[1].Bins.Edges);
        Assert.Equal(2, chart.Series[0].Bins.Total);
        Assert.Contains(figure.Facts, f => f.Key == "targets without a score (NaN)" && f.Value == "1");

        // Without a ceiling, ceiled = raw: one series only.
        var noCeiling = PerTargetScores.Figure(ReportSamples.Result(scores: ReportSamples.Ridge(0.5, raw: raw, ceiled: raw)))!;
        Assert.Single(((HistogramChart)noCeiling.Plot).Series);
        Assert.Null(PerTargetScores.Figure(ReportSamples.Result(scores: ReportSamples.Ridge(0.5))));
    }

    [Fact]
    public void Alpha_histogram_has_one_bin_per_decade_of_the_grid_and_counts_the_edges()
    {
        var figure = AlphaDiagnostics.Figure(ReportSamples.Result(scores: ReportSamples.Ridge(0.5, alpha: [1e-10, 1e-10, 1.0, 100, 1e10, 1e12])))!;
        var chart = Assert.IsType<HistogramChart>(figure.Plot);
        var bins = chart.Series[0].Bins;
        Assert.Equal(-10.5, bins.Edges[0]);
        Assert.Equal(12.5, bins.Edges[^1]); // widened to the alpha outside the grid
        Assert.Equal(6, bins.Total);
        Assert.Equal(2, bins.Counts[0]);
        Assert.Equal(1, bins.Counts[10]); // 1e0
        Assert.Contains(figure.Facts, f => f.Key.StartsWith("at the grid's smallest", StringComparison.Ordinal) && f.Value == "2");
        Assert.Contains(figure.Facts, f => f.Key.StartsWith("at the grid's largest", StringComparison.Ordinal) && f.Value == "1");
        Assert.Null(AlphaDiagnostics.Figure(ReportSamples.Result()));
    }

    [Fact]
    public void Training_curve_puts_validation_on_the_right_axis()
    {
        var scores = new ScoreSet("test_score");
        scores.Add("test_score", 0.4);
        scores.Add("training_curve.loss", new[] { 1.0, 0.6, 0.5 });
        scores.Add("training_curve.validation_score", new[] { 0.1, 0.3, 0.35 });
        var chart = Assert.IsType<LineChart>(TrainingCurves.Figure(ReportSamples.Result(metric: "online_linear_regressor", scores: scores))!.Plot);
        Assert.Equal([1.0, 2.0, 3.0], chart.Lines[0].X);
        Assert.False(chart.Lines[0].RightAxis);
        Assert.True(chart.Lines[1].RightAxis);
        Assert.Equal("validation score", chart.RightAxisLabel);
        Assert.Null(TrainingCurves.Figure(ReportSamples.Result()));
    }

    [Fact]
    public void Orientation_figures_come_from_the_stored_keys()
    {
        var scores = new ScoreSet("mean_cv");
        scores.Add("cv", new[] { 0.1, 0.5, 0.95, double.NaN });
        scores.Add("mean_cv", 0.5);
        scores.Add("orientations", new[] { 0, 45, 90, 135.0 });
        scores.Add("preference_percent", new[] { 50, 25, 25, 0.0 });
        scores.Add("cardinality_index", 0.75);
        var figures = OrientationTuning.Figures(ReportSamples.Result(benchmark: "V1StaticFullFieldSineGratings", metric: "orientation_selectivity", scores: scores));
        Assert.Equal(2, figures.Count);
        var bars = Assert.IsType<BarChart>(figures[0].Plot);
        Assert.Equal(["0°", "45°", "90°", "135°"], bars.Bars.Select(b => b.Label));
        Assert.Equal(50, bars.Bars[0].Value);
        Assert.Contains(figures[0].Facts, f => f.Key == "cardinality_index" && f.Value == "0.75");
        var cv = Assert.IsType<HistogramChart>(figures[1].Plot);
        Assert.Equal(3, cv.Series[0].Bins.Total);
    }

    [Fact]
    public void Rsa_shows_comparison_bars_with_intervals_and_heatmaps_only_for_square_rdms()
    {
        var scores = new ScoreSet("rsa_scores.spearman");
        scores.Add("rsa_scores.spearman", 0.3);
        scores.Add("rsa_scores.spearman_ci95", new[] { 0.2, 0.4 });
        scores.Add("rsa_scores.corr", 0.25);
        var figures = RsaFigures.Figures(ReportSamples.Result(metric: "rsa", scores: scores));
        var bars = Assert.IsType<BarChart>(Assert.Single(figures).Plot);
        Assert.Equal([new BarItem("spearman", 0.3, 0.2, 0.4), new BarItem("corr", 0.25)], bars.Bars);

        scores.Add("model_rdm", new double[,] { { 0, 1 }, { 1, 0 } });
        scores.Add("brain_rdm_condensed", new[] { 1.0, 2, 3 });
        figures = RsaFigures.Figures(ReportSamples.Result(metric: "rsa", scores: scores));
        Assert.Equal(2, figures.Count);
        Assert.Equal(2, Assert.IsType<HeatmapChart>(figures[1].Plot).Size);
    }

    [Fact]
    public void Page_keeps_only_sections_with_figures_in_leaderboard_order()
    {
        var page = ReportPageBuilder.Build(
        [
            ReportSamples.Result(layer: "layer3", scores: ReportSamples.Ridge(0.2, alpha: [1.0, 10.0])),
            ReportSamples.Result(layer: "layer4", scores: ReportSamples.Ridge(0.5, alpha: [1.0])),
        ], "results.sqlite", "", DateTimeOffset.UnixEpoch);
        Assert.Equal(["profiles", "alpha"], page.Sections.Select(s => s.Id));
        Assert.Equal(["layer4", "layer3"], page.Leaderboard.Select(r => r.Layer));
        Assert.Contains("layer4", page.Sections[1].Figures[0].Caption);
        Assert.Equal(page.Plots.Count(), page.Plots.Select(p => p.Name).Distinct().Count());
    }
}
