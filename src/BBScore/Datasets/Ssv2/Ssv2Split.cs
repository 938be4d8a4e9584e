using System.Globalization;
using BBScore.Formats;

namespace BBScore.Datasets.Ssv2;

/// <summary>One split's clips as its class-map CSV lists them (columns <c>filename</c>, <c>class</c>), in file order:
/// rows of classes outside the 40 and rows whose clip is not in <paramref name="ClipFolder"/> are skipped, as the
/// original does, and counted.</summary>
public sealed record Ssv2Split(string ClipFolder, IReadOnlyList<string> Files, IReadOnlyList<int> Classes, int SkippedClass, int SkippedMissing)
{
    public static Ssv2Split Read(string csvPath, string clipFolder)
    {
        var table = CsvFile.Read(csvPath);
        int file = Column(table, "filename", csvPath), cls = Column(table, "class", csvPath);
        var files = new List<string>();
        var classes = new List<int>();
        int otherClass = 0, missing = 0;
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (!int.TryParse(row[cls].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int original))
                throw new InvalidDataException($"{csvPath}, line {table.LineNumbers[r]}: class '{row[cls]}' is not an integer.");
            if (Ssv2Classes.ToDense(original) is not { } dense) { otherClass++; continue; }
            string name = row[file].Trim();
            if (!File.Exists(Path.Combine(clipFolder, name))) { missing++; continue; }
            files.Add(name);
            classes.Add(dense);
        }
        if (files.Count == 0)
            throw new InvalidDataException($"{csvPath}: no row names a clip of the 40 classes that exists in {clipFolder}.");
        return new Ssv2Split(clipFolder, files, classes, otherClass, missing);
    }

    /// <summary>The skips, in one line (null when none).</summary>
    public string? SkipSummary(string name) => SkippedClass + SkippedMissing == 0 ? null :
        $"{name}: skipped {SkippedClass} row(s) of classes outside the 40 and {SkippedMissing} row(s) whose clip is missing from {ClipFolder}.";

    static int Column(CsvFile.Table table, string name, string path) => table.ColumnIndex(name) is >= 0 and var i ? i :
        throw new InvalidDataException($"{path}: no '{name}' column (header: {string.Join(",", table.Header)}).");
}
