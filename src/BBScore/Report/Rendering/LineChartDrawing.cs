using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>Lines with their shaded intervals, horizontal bands, categorical ticks and an optional right axis.</summary>
internal static class LineChartDrawing
{
    public static void Draw(Plot plot, LineChart chart)
    {
        foreach (var band in chart.Bands)
        {
            // ScottPlot names spans by the axis they cover: a VerticalSpan covers a y range across the whole width.
            var span = plot.Add.VerticalSpan(band.Low, band.High);
            span.FillStyle.Color = PlotColors.Ceiling.WithAlpha(0.2);
            span.LineStyle.Width = 0;
            span.LegendText = band.Label;
            var middle = plot.Add.HorizontalLine(band.Middle);
            middle.Color = PlotColors.Ceiling;
            middle.LinePattern = LinePattern.Dotted;
        }

        int colour = 0;
        string? previousModel = null;
        foreach (var line in chart.Lines)
        {
            // A dashed companion (the unceiled score) keeps its model's colour.
            if (!(line.Dashed && previousModel is not null && line.Label.StartsWith(previousModel, StringComparison.Ordinal))) colour++;
            var color = PlotColors.Series(colour - 1);
            if (!line.Dashed) previousModel = line.Label;
            IYAxis yAxis = line.RightAxis ? plot.Axes.Right : plot.Axes.Left;
            DrawInterval(plot, line, color, yAxis);

            // NaN scores are gaps, not points: ScottPlot would otherwise break the autoscaling on them.
            var points = line.X.Zip(line.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray(), color);
            scatter.LegendText = line.Label;
            scatter.LineWidth = 2;
            scatter.MarkerSize = line.Dashed ? 0 : 7;
            if (line.Dashed) scatter.LinePattern = LinePattern.Dashed;
            scatter.Axes.YAxis = yAxis;
        }

        if (chart.XTicks is { Count: > 0 } ticks)
        {
            plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
            // Long layer names (encoder.stages.3) overlap when horizontal.
            if (ticks.Max(t => t.Label.Length) * ticks.Count > 60)
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
                // ScottPlot sizes the axis for horizontal labels: reserve the rotated labels' height (about 7 px per
                // character at 30°, plus the axis label) so they do not run into the label and the legend.
                plot.Axes.Bottom.MinimumSize = 40 + 3.5f * Math.Min(ticks.Max(t => t.Label.Length), 40);
            }
            // A single layer would give a zero-width axis; keep half a step either side.
            plot.Axes.SetLimitsX(ticks.Min(t => t.Position) - 0.5, ticks.Max(t => t.Position) + 0.5);
        }
        if (chart.RightAxisLabel is { } right)
        {
            plot.Axes.Right.Label.Text = right;
            plot.Axes.Right.Label.FontSize = 13; // as the left label (PlotRenderer)
        }
        // Below the plot: a legend beside it would take the width the layer names need.
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>A shaded band over each run of consecutive points that have an interval; a lone point gets a
    /// whisker (a band needs two points).</summary>
    static void DrawInterval(Plot plot, LineSeries line, Color color, IYAxis yAxis)
    {
        if (line.Low is null || line.High is null) return;
        var run = new List<int>();
        for (int i = 0; i <= line.X.Count; i++)
        {
            bool has = i < line.X.Count && double.IsFinite(line.Low[i]) && double.IsFinite(line.High[i]);
            if (has) { run.Add(i); continue; }
            if (run.Count == 1)
                ErrorWhiskers.Add(plot, line.X[run[0]], line.Low[run[0]], line.High[run[0]], 0.08, color, yAxis);
            else if (run.Count > 1)
            {
                var fill = plot.Add.FillY(run.Select(k => line.X[k]).ToArray(), run.Select(k => line.Low[k]).ToArray(), run.Select(k => line.High[k]).ToArray());
                fill.FillStyle.Color = color.WithAlpha(0.25);
                fill.LineStyle.Width = 0;
                fill.Axes.YAxis = yAxis;
            }
            run.Clear();
        }
    }
}
