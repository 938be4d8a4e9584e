using ScottPlot;

namespace BBScore.Report.Rendering;

/// <summary>One colour per series, the same for a line and its interval band, from a palette that stays
/// distinguishable for colour-blind readers.</summary>
internal static class PlotColors
{
    static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color Series(int index) => Palette.GetColor(index);

    public static readonly Color Ceiling = Colors.Gray;
}
