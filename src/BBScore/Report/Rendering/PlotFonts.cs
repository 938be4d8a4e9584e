namespace BBScore.Report.Rendering;

/// <summary>The font every plot draws its text with. ScottPlot over SkiaSharp's no-dependency natives finds no
/// system font, and then draws plots with no text at all (no title, labels or ticks) without any error; so the
/// report registers Debian's DejaVu Sans by file and refuses to draw without it.</summary>
public static class PlotFonts
{
    public const string DefaultPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string Family = "DejaVu Sans";
    public const string InstallCommand = "apt-get install -y fonts-dejavu-core";

    static readonly Lock Gate = new();
    static string? _registered;

    /// <summary>Registers the font at <paramref name="path"/> (and its bold face beside it, for titles, when
    /// present) as <see cref="Family"/> and the plots' default.</summary>
    /// <exception cref="PlotFontMissingException">The file does not exist.</exception>
    public static void Register(string path = DefaultPath)
    {
        if (!File.Exists(path)) throw new PlotFontMissingException(path);
        lock (Gate)
        {
            if (_registered == path) return;
            ScottPlot.Fonts.AddFontFile(Family, path, bold: false, italic: false);
            string bold = Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + "-Bold" + Path.GetExtension(path));
            ScottPlot.Fonts.AddFontFile(Family, File.Exists(bold) ? bold : path, bold: true, italic: false);
            ScottPlot.Fonts.Default = Family;
            _registered = path;
        }
    }
}

/// <summary>The plot font is not installed; the message names the package that provides it.</summary>
public sealed class PlotFontMissingException(string path)
    : InvalidOperationException($"the report's plots need the font {path} (without it they have no text); install it with: {PlotFonts.InstallCommand}")
{
    public string FontPath { get; } = path;
}
