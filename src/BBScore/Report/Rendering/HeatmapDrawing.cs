using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>A square matrix (an RDM) as a heatmap with a colour bar; row 0 at the top, as matrices are read.</summary>
internal static class HeatmapDrawing
{
    public static void Draw(Plot plot, HeatmapChart chart)
    {
        var values = new double[chart.Size, chart.Size];
        for (int r = 0; r < chart.Size; r++)
            for (int c = 0; c < chart.Size; c++)
                values[r, c] = chart.Values[r * chart.Size + c];
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
    }
}
