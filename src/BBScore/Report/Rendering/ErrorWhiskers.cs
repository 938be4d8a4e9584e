using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>An asymmetric vertical error bar (a 95% interval need not be centred on the score), drawn as a line
/// with caps; ScottPlot's bar errors are symmetric.</summary>
internal static class ErrorWhiskers
{
    public static void Add(Plot plot, double x, double low, double high, double capHalfWidth, Color color, IYAxis? yAxis = null)
    {
        foreach (var (x1, y1, x2, y2) in new[] { (x, low, x, high), (x - capHalfWidth, low, x + capHalfWidth, low), (x - capHalfWidth, high, x + capHalfWidth, high) })
        {
            var segment = plot.Add.Line(x1, y1, x2, y2);
            segment.Color = color;
            segment.LineWidth = 1.5f;
            segment.MarkerSize = 0;
            if (yAxis is not null) segment.Axes.YAxis = yAxis;
        }
    }
}
