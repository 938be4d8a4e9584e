using BBScore.Data;
using BBScore.Report;
using BBScore.Report.Rendering;
using BBScore.Results;
using BBScore.Tests.Support;

namespace BBScore.Tests.Report;

public sealed class RenderingTests
{
    [Fact]
    public void Html_has_sort_keys_escaped_text_and_relative_plot_paths()
    {
        var page = ReportPageBuilder.Build(
        [
            ReportSamples.Result(model: "<model&>", scores: ReportSamples.Ridge(0.5, se: 0.01, ci: [0.48, 0.52]), ceiling: [0.5, 0.7]),
            ReportSamples.Result(layer: "layer3", scores: ReportSamples.Ridge(0.25)),
        ], "/home/results.sqlite", "--metric ridge", DateTimeOffset.UnixEpoch);
        string html = HtmlPageWriter.Write(page);

        Assert.Contains("&lt;model&amp;&gt;", html);
        Assert.DoesNotContain("<model&>", html);
        Assert.Contains("<td class=\"num\" data-sort=\"0.5\">0.5</td>", html);
        Assert.Contains("<td class=\"num\" data-sort=\"0.01\">± 0.01 [0.48, 0.52]</td>", html);
        Assert.Contains("<td class=\"num\" data-sort=\"\">—</td>", html); // no error bar, no ceiling
        Assert.Contains("<td class=\"num\" data-sort=\"0.6\">0.6</td>", html); // median ceiling
        Assert.Contains("filtered by --metric ridge", html);
        Assert.Equal(8, CountOf(html, "<th scope=\"col\""));
        foreach (var plot in page.Plots)
            Assert.Contains($"<img src=\"plots/{plot.Name}.png\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void Every_plot_type_renders_a_png_and_an_svg_with_text()
    {
        using var dir = new TempDir();
        var renderer = new PlotRenderer();
        var histogram = Histogram.Uniform([0.1, 0.2, 0.8], 0, 1, 5);
        PlotSpec[] specs =
        [
            new LineChart("line", "Line title", "layer", "score",
                [new LineSeries("m", [0, 1, 2], [0.1, 0.3, double.NaN], [0.05, 0.2, double.NaN], [0.15, 0.4, double.NaN]),
                 new LineSeries("m (unceiled)", [0, 1], [0.05, 0.1], Dashed: true),
                 new LineSeries("v", [0, 1], [0.5, 0.6], RightAxis: true)],
                [new HorizontalBand("ceiling", 0.3, 0.5, 0.4)], [new AxisTick(0, "a"), new AxisTick(1, "b"), new AxisTick(2, "c")], "right"),
            new BarChart("bars", "Bars", "x", "y", [new BarItem("a", 0.3, 0.2, 0.4), new BarItem("b", double.NaN)]),
            new HistogramChart("hist", "Histogram", "x", "n", [new HistogramSeries("h", histogram)], [new AxisTick(0.5, "half")]),
            new HeatmapChart("heat", "Heatmap", "i", "j", 2, [0, 1, 1, 0]),
        ];
        foreach (var spec in specs)
        {
            var (png, svg) = renderer.Write(spec, dir.Path);
            Assert.True(new FileInfo(png).Length > 1000, png);
            string svgText = File.ReadAllText(svg);
            // The title is drawn as text, not dropped (no font would draw none).
            Assert.Contains("<svg", svgText);
            Assert.True(svgText.Length > 1000, svg);
        }
    }

    [Fact]
    public void A_missing_font_fails_naming_the_package_to_install()
    {
        var e = Assert.Throws<PlotFontMissingException>(() => new PlotRenderer("/nonexistent/DejaVuSans.ttf"));
        Assert.Contains("apt-get install -y fonts-dejavu-core", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Cli_refuses_an_empty_store_a_file_as_output_and_filters_that_match_nothing()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        string output = Path.Combine(dir.Path, "report");

        var (code, _, err) = CliRun.Run(home, "report", "--out", output);
        Assert.Equal(1, code);
        Assert.Contains("no results yet", err);
        Assert.False(Directory.Exists(output));

        ResultWriter.Save(ReportSamples.Result().Record, home);
        string file = Path.Combine(dir.Path, "a-file");
        File.WriteAllText(file, "");
        (code, _, err) = CliRun.Run(home, "report", "--out", file);
        Assert.Equal(2, code);
        Assert.Contains("is a file", err);

        (code, _, err) = CliRun.Run(home, "report", "--model", "alexnet", "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("no stored result matches --model alexnet", err);
        Assert.Single(err.Trim().Split('\n'));

        (code, var stdout, err) = CliRun.Run(home, "report", "--model", "resnet18", "--out", output);
        Assert.True(code == 0, err);
        Assert.Contains("1 result(s)", stdout);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
    }
}
