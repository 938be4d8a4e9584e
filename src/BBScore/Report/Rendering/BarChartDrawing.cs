using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>Labelled bars from zero, with asymmetric whiskers where an interval is given.</summary>
internal static class BarChartDrawing
{
    public static void Draw(Plot plot, BarChart chart)
    {
        var bars = chart.Bars.Select((b, i) => new Bar
        {
            Position = i,
            Value = double.IsFinite(b.Value) ? b.Value : 0,
            FillColor = PlotColors.Series(0),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        for (int i = 0; i < chart.Bars.Count; i++)
            if (chart.Bars[i] is { Low: { } low, High: { } high })
                ErrorWhiskers.Add(plot, i, low, high, 0.15, Colors.Black);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, chart.Bars.Count).Select(i => (double)i).ToArray(), chart.Bars.Select(b => b.Label).ToArray());
        plot.Axes.Margins(bottom: 0);
    }
}
