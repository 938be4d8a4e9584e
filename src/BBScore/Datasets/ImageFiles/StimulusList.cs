using BBScore.Formats;
using BBScore.Stimuli;

namespace BBScore.Datasets.ImageFiles;

/// <summary>
/// The ordered images of <c>--stimuli DIR_OR_CSV</c>.
/// <list type="bullet">
/// <item>A folder: its image files (<see cref="ImageFileDecoder.Extensions"/>, any case; subfolders
/// and names starting with '.' are skipped), sorted by file name in ordinal order (code points, as
/// Python's <c>sorted(os.listdir(dir))</c>): <c>img10.png</c> comes before <c>img2.png</c>, so
/// zero-pad numbers or list the order in a CSV. All images are training stimuli.</item>
/// <item>A .csv file with a header row: a <c>path</c> column (relative to the CSV's folder, or
/// absolute) and optionally a <c>split</c> column (<c>train</c> or <c>test</c>, empty = train);
/// other columns are ignored. Rows keep the CSV's order.</item>
/// </list>
/// <see cref="Name"/> is the folder's name or the CSV file's name without extension.
/// </summary>
public sealed record StimulusList(string Name, string Source, IReadOnlyList<StimulusFile> Files)
{
    public const string PathColumn = "path";
    public const string SplitColumn = "split";

    public IReadOnlyList<StimulusFile> Train => Files.Where(f => f.Split == StimulusSplit.Train).ToList();

    public IReadOnlyList<StimulusFile> Test => Files.Where(f => f.Split == StimulusSplit.Test).ToList();

    /// <summary>Reads a folder or a CSV; errors name the path and the fix.</summary>
    public static StimulusList Read(string folderOrCsv)
    {
        string full = System.IO.Path.GetFullPath(folderOrCsv);
        if (Directory.Exists(full)) return FromFolder(full);
        if (File.Exists(full))
        {
            if (!string.Equals(System.IO.Path.GetExtension(full), ".csv", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--stimuli {folderOrCsv} is a file but not a .csv; give a folder of images or a CSV listing them (a '{PathColumn}' column).");
            return FromCsv(full);
        }
        throw new ArgumentException($"--stimuli {folderOrCsv}: no such folder or file; give a folder of images or a CSV listing them.");
    }

    static StimulusList FromFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(p => !System.IO.Path.GetFileName(p).StartsWith('.') && ImageFileDecoder.HasImageExtension(p))
            .Order(StringComparer.Ordinal)
            .Select(p => new StimulusFile(p, System.IO.Path.GetFileName(p), StimulusSplit.Train))
            .ToList();
        if (files.Count == 0)
            throw new ArgumentException(
                $"--stimuli {folder}: no images found (looked for {string.Join(", ", ImageFileDecoder.Extensions)}; subfolders are not searched).");
        return new StimulusList(System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar)), folder, files);
    }

    static StimulusList FromCsv(string csvPath)
    {
        CsvFile.Table table;
        try { table = CsvFile.Read(csvPath); }
        catch (InvalidDataException e) { throw new ArgumentException("--stimuli " + e.Message, e); }
        int pathColumn = table.ColumnIndex(PathColumn), splitColumn = table.ColumnIndex(SplitColumn);
        if (pathColumn < 0)
            throw new ArgumentException(
                $"--stimuli {csvPath}: the header ({string.Join(", ", table.Header)}) has no '{PathColumn}' column; " +
                $"name the column of image paths '{PathColumn}' (optionally add a '{SplitColumn}' column of train/test).");
        string folder = System.IO.Path.GetDirectoryName(csvPath)!;
        var files = new List<StimulusFile>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            string[] row = table.Rows[r];
            string where = $"--stimuli {csvPath}, line {table.LineNumbers[r]}";
            string written = Cell(row, pathColumn).Trim();
            if (written.Length == 0) throw new ArgumentException($"{where}: the '{PathColumn}' cell is empty.");
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, written));
            if (!File.Exists(path)) throw new ArgumentException($"{where}: image not found: {path}");
            files.Add(new StimulusFile(path, written, splitColumn < 0 ? StimulusSplit.Train : ParseSplit(Cell(row, splitColumn), where)));
        }
        if (files.Count == 0) throw new ArgumentException($"--stimuli {csvPath}: the CSV lists no images (only a header).");
        return new StimulusList(System.IO.Path.GetFileNameWithoutExtension(csvPath), csvPath, files);
    }

    static string Cell(string[] row, int column) => column < row.Length ? row[column] : "";

    static StimulusSplit ParseSplit(string text, string where) => text.Trim().ToLowerInvariant() switch
    {
        "" or "train" => StimulusSplit.Train,
        "test" => StimulusSplit.Test,
        _ => throw new ArgumentException($"{where}: split '{text}' is neither 'train' nor 'test'."),
    };
}
