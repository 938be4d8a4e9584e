using BBScore.Formats;

namespace BBScore.Datasets.ImageFiles;

/// <summary>
/// The ordered stimulus files of <c>--stimuli DIR_OR_CSV</c>: images, clips (.mp4 .avi .mov .mkv .webm
/// .gif), sounds (.wav .flac .mp3 .ogg) or texts (.txt, one stimulus per file), one kind per list
/// (<see cref="StimulusFileKinds"/>). A .gif is read as an image (its first frame, as before clips were
/// accepted, and as Pillow opens it) unless the list's other files are clips: then it is a clip too.
/// <list type="bullet">
/// <item>A folder: its stimulus files (<see cref="StimulusFileKinds.AllExtensions"/>, any case; subfolders
/// and names starting with '.' are skipped, and so are .txt files unless they are all the folder holds),
/// sorted by file name in ordinal order (code points, as Python's <c>sorted(os.listdir(dir))</c>):
/// <c>img10.png</c> comes before <c>img2.png</c>, so zero-pad numbers or list the order in a CSV. All
/// files are training stimuli.</item>
/// <item>A .csv file with a header row: a <c>path</c> column (relative to the CSV's folder, or
/// absolute) and optionally a <c>split</c> column (<c>train</c> or <c>test</c>, empty = train);
/// other columns are ignored. Rows keep the CSV's order. A path with an extension no kind claims is
/// read as an image (decoders sniff the content).</item>
/// </list>
/// <see cref="Name"/> is the folder's name or the CSV file's name without extension.
/// </summary>
public sealed record StimulusList(string Name, string Source, IReadOnlyList<StimulusFile> Files)
{
    public const string PathColumn = "path";
    public const string SplitColumn = "split";

    /// <summary>The one kind of every file (checked when the list is read).</summary>
    public StimulusFileKind Kind => KindsBesidesGifs(Files).FirstOrDefault(StimulusFileKind.Image);

    /// <summary>"images", "clips", ...: for messages.</summary>
    public string Noun => StimulusFileKinds.Plural(Kind);

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
                throw new ArgumentException($"--stimuli {folderOrCsv} is a file but not a .csv; give a folder of stimulus files or a CSV listing them (a '{PathColumn}' column).");
            return FromCsv(full);
        }
        throw new ArgumentException($"--stimuli {folderOrCsv}: no such folder or file; give a folder of stimulus files (images, clips, sounds or texts) or a CSV listing them.");
    }

    static StimulusList FromFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(p => !System.IO.Path.GetFileName(p).StartsWith('.') && StimulusFileKinds.Of(p) is not null)
            .Order(StringComparer.Ordinal)
            .Select(p => new StimulusFile(p, System.IO.Path.GetFileName(p), StimulusSplit.Train))
            .ToList();
        // Notes beside images, clips or sounds (README.txt) are not stimuli: a folder is a text set only when
        // .txt files are all it holds. A CSV lists its files explicitly, so there a .txt always counts.
        if (files.Any(f => StimulusFileKinds.Of(f.Path) != StimulusFileKind.Text))
            files = files.Where(f => StimulusFileKinds.Of(f.Path) != StimulusFileKind.Text).ToList();
        if (files.Count == 0)
            throw new ArgumentException(
                $"--stimuli {folder}: no images found, nor clips, sounds or texts (looked for {string.Join(", ", StimulusFileKinds.AllExtensions)}; subfolders are not searched).");
        return Checked(new StimulusList(System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar)), folder, files));
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
                $"name the column of stimulus file paths '{PathColumn}' (optionally add a '{SplitColumn}' column of train/test).");
        string folder = System.IO.Path.GetDirectoryName(csvPath)!;
        var files = new List<StimulusFile>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            string[] row = table.Rows[r];
            string where = $"--stimuli {csvPath}, line {table.LineNumbers[r]}";
            string written = Cell(row, pathColumn).Trim();
            if (written.Length == 0) throw new ArgumentException($"{where}: the '{PathColumn}' cell is empty.");
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, written));
            if (!File.Exists(path)) throw new ArgumentException($"{where}: {StimulusFileKinds.Singular(KindOf(path))} not found: {path}");
            files.Add(new StimulusFile(path, written, splitColumn < 0 ? StimulusSplit.Train : ParseSplit(Cell(row, splitColumn), where)));
        }
        if (files.Count == 0) throw new ArgumentException($"--stimuli {csvPath}: the CSV lists no images or other stimuli (only a header).");
        return Checked(new StimulusList(System.IO.Path.GetFileNameWithoutExtension(csvPath), csvPath, files));
    }

    static StimulusFileKind KindOf(string path) => StimulusFileKinds.Of(path) ?? StimulusFileKind.Image;

    static bool IsGif(string path) => string.Equals(System.IO.Path.GetExtension(path), ".gif", StringComparison.OrdinalIgnoreCase);

    static List<StimulusFileKind> KindsBesidesGifs(IReadOnlyList<StimulusFile> files) =>
        files.Where(f => !IsGif(f.Path)).Select(f => KindOf(f.Path)).Distinct().ToList();

    /// <summary>A model takes one kind of stimulus per set, so a list mixing kinds is refused, naming an example of each.</summary>
    static StimulusList Checked(StimulusList list)
    {
        var kind = list.Kind;
        var kinds = list.Files.GroupBy(f => IsGif(f.Path) && kind is StimulusFileKind.Image or StimulusFileKind.Clip ? kind : KindOf(f.Path)).ToList();
        if (kinds.Count > 1)
            throw new ArgumentException(
                $"--stimuli {list.Source} mixes {string.Join(", ", kinds.Select(g => $"{StimulusFileKinds.Plural(g.Key)} (e.g. {g.First().Id})"))}; " +
                "a stimulus set holds one kind. Put each kind in its own folder or CSV.");
        return list;
    }

    static string Cell(string[] row, int column) => column < row.Length ? row[column] : "";

    static StimulusSplit ParseSplit(string text, string where) => text.Trim().ToLowerInvariant() switch
    {
        "" or "train" => StimulusSplit.Train,
        "test" => StimulusSplit.Test,
        _ => throw new ArgumentException($"{where}: split '{text}' is neither 'train' nor 'test'."),
    };
}
