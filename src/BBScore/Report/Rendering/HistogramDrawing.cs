using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>Histograms as touching bars; several series overlay in translucent colours with a legend.</summary>
internal static class HistogramDrawing
{
    public static void Draw(Plot plot, HistogramChart chart)
    {
        double alpha = chart.Series.Count > 1 ? 0.5 : 0.9;
        for (int s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var edges = series.Bins.Edges;
            var bars = series.Bins.Counts.Select((count, i) => new Bar
            {
                Position = (edges[i] + edges[i + 1]) / 2,
                Size = edges[i + 1] - edges[i],
                Value = count,
                FillColor = PlotColors.Series(s).WithAlpha(alpha),
                LineWidth = 0,
            }).ToList();
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = series.Label;
        }
        if (chart.XTicks is { Count: > 0 } ticks)
            plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Margins(bottom: 0);
        // Counts are whole numbers: no 0.2-step ticks when a histogram holds a handful of targets.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.UpperRight);
    }
}
