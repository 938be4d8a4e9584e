using System.Globalization;
using BBScore.Formats;

namespace BBScore.Datasets.Physion;

/// <summary>One row of a Physion stimulus CSV: the clip's path relative to the unpacked clips folder, both labels
/// (<c>label</c> for contact, <c>contacts</c> for placement, -1 where a clip has no placement), the raw
/// <c>stimulus_id</c>, and the split flags (<c>train</c>, <c>intra_generalizability</c>).</summary>
public sealed record PhysionCsvRow(string Filename, double Label, double Contacts, string StimulusId, bool Train, bool Intra, int Line)
{
    public double LabelFor(PhysionTask task) => task == PhysionTask.Contact ? Label : Contacts;
}

/// <summary>Reads a Physion stimulus CSV by column name (the original reads it with csv.DictReader, so column order
/// and extra columns do not matter). A missing column or a value the original's float()/int() would refuse is an
/// <see cref="InvalidDataException"/> naming the file and line, so a damaged download is fetched again.</summary>
public static class PhysionCsv
{
    public static readonly IReadOnlyList<string> Columns = ["filename", "label", "contacts", "stimulus_id", "train", "intra_generalizability"];

    public static IReadOnlyList<PhysionCsvRow> Read(string path)
    {
        var table = CsvFile.Read(path);
        var index = Columns.ToDictionary(c => c, c => table.ColumnIndex(c));
        var missing = index.Where(c => c.Value < 0).Select(c => c.Key).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{path}: the Physion stimulus CSV lacks the column(s) {string.Join(", ", missing)} " +
                                           $"(it needs {string.Join(", ", Columns)}).");
        return table.Rows.Select((row, r) =>
        {
            int line = table.LineNumbers[r];
            string Field(string column) => index[column] < row.Length ? row[index[column]].Trim()
                : throw new InvalidDataException($"{path}, line {line}: the row has no '{column}' field.");
            double Number(string column) => double.TryParse(Field(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new InvalidDataException($"{path}, line {line}: '{column}' is '{Field(column)}', not a number.");
            bool Flag(string column) => int.TryParse(Field(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v == 1
                : throw new InvalidDataException($"{path}, line {line}: '{column}' is '{Field(column)}', not 0 or 1.");
            return new PhysionCsvRow(Field("filename"), Number("label"), Number("contacts"), Field("stimulus_id"),
                Flag("train"), Flag("intra_generalizability"), line);
        }).ToList();
    }
}
