namespace BBScore.Report.Rendering;

/// <summary>Writes a report folder: <c>index.html</c> and <c>plots/NAME.png</c> + <c>plots/NAME.svg</c> for every
/// figure. Earlier plots in <c>plots/</c> are removed first, so the folder holds exactly the page's files.</summary>
public static class ReportWriter
{
    public const string PageFile = "index.html";

    /// <summary>Returns the page's path.</summary>
    public static string Write(ReportPage page, string folder, PlotRenderer renderer, Action<string>? progress = null)
    {
        string plots = Path.Combine(folder, HtmlPageWriter.PlotFolder);
        Directory.CreateDirectory(plots);
        foreach (string old in Directory.EnumerateFiles(plots).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)).ToList())
            File.Delete(old);
        var specs = page.Plots.ToList();
        for (int i = 0; i < specs.Count; i++)
        {
            renderer.Write(specs[i], plots);
            if ((i + 1) % 10 == 0) progress?.Invoke($"{i + 1} of {specs.Count} plots drawn");
        }
        string path = Path.Combine(folder, PageFile);
        // Written last and whole: a page never points at plots that are not there yet.
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, HtmlPageWriter.Write(page));
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
