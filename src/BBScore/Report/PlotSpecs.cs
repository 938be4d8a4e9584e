namespace BBScore.Report;

/// <summary>What one plot shows, as plain data: the page model decides the content, a renderer
/// (<see cref="Rendering.PlotRenderer"/>) only draws it, so the content can be tested without pixels.</summary>
/// <param name="Name">The file name without extension (<c>plots/Name.png</c>, <c>plots/Name.svg</c>); unique in a page.</param>
public abstract record PlotSpec(string Name, string Title, string XLabel, string YLabel);

/// <summary>A tick on a categorical axis (layer names, orientations, alpha grid points).</summary>
public sealed record AxisTick(double Position, string Label);

/// <summary>One line. <paramref name="Low"/> / <paramref name="High"/> give a shaded interval per point
/// (NaN where a point has none); <paramref name="RightAxis"/> puts the line on a second y axis.</summary>
public sealed record LineSeries(
    string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Low = null, IReadOnlyList<double>? High = null,
    bool Dashed = false, bool RightAxis = false);

/// <summary>A horizontal band across the whole plot (e.g. the noise ceiling's interquartile range) with a line at
/// <paramref name="Middle"/>.</summary>
public sealed record HorizontalBand(string Label, double Low, double High, double Middle);

public sealed record LineChart(
    string Name, string Title, string XLabel, string YLabel,
    IReadOnlyList<LineSeries> Lines,
    IReadOnlyList<HorizontalBand> Bands,
    IReadOnlyList<AxisTick>? XTicks = null,
    string? RightAxisLabel = null) : PlotSpec(Name, Title, XLabel, YLabel);

/// <summary>One bar; <paramref name="Low"/> / <paramref name="High"/> draw an error bar when both are given.</summary>
public sealed record BarItem(string Label, double Value, double? Low = null, double? High = null);

public sealed record BarChart(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<BarItem> Bars)
    : PlotSpec(Name, Title, XLabel, YLabel);

public sealed record HistogramSeries(string Label, Histogram Bins);

public sealed record HistogramChart(
    string Name, string Title, string XLabel, string YLabel,
    IReadOnlyList<HistogramSeries> Series,
    IReadOnlyList<AxisTick>? XTicks = null) : PlotSpec(Name, Title, XLabel, YLabel);

/// <summary>A square matrix drawn as colours (an RDM); row-major <paramref name="Values"/>.</summary>
public sealed record HeatmapChart(string Name, string Title, string XLabel, string YLabel, int Size, IReadOnlyList<double> Values)
    : PlotSpec(Name, Title, XLabel, YLabel);
