using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>Draws a <see cref="PlotSpec"/> with ScottPlot and saves it as PNG (shown on the page) and SVG (for
/// papers and zooming) of the same size.</summary>
public sealed class PlotRenderer
{
    public const int Width = 800;
    public const int Height = 450;

    /// <summary>Registers the font first (<see cref="PlotFonts.Register"/>), so a missing font fails before any
    /// file is written.</summary>
    public PlotRenderer(string fontPath = PlotFonts.DefaultPath) => PlotFonts.Register(fontPath);

    /// <summary>Writes <c>folder/Name.png</c> and <c>folder/Name.svg</c>; returns their paths.</summary>
    public (string Png, string Svg) Write(PlotSpec spec, string folder)
    {
        using var plot = new Plot();
        plot.Font.Set(PlotFonts.Family);
        plot.Title(spec.Title, size: 14);
        plot.XLabel(spec.XLabel, size: 13);
        plot.YLabel(spec.YLabel, size: 13);
        switch (spec)
        {
            case LineChart line: LineChartDrawing.Draw(plot, line); break;
            case BarChart bar: BarChartDrawing.Draw(plot, bar); break;
            case HistogramChart histogram: HistogramDrawing.Draw(plot, histogram); break;
            case HeatmapChart heatmap: HeatmapDrawing.Draw(plot, heatmap); break;
            default: throw new NotSupportedException($"No drawing for plot type {spec.GetType().Name}.");
        }
        // Font.Set styles what exists; the plottables added above (legend entries, the right axis) get it too.
        plot.Font.Set(PlotFonts.Family);
        string png = Path.Combine(folder, spec.Name + ".png");
        string svg = Path.Combine(folder, spec.Name + ".svg");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return (png, svg);
    }
}
