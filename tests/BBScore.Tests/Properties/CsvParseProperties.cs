using System.Text;
using BBScore.Formats;
using BBScore.Tests.Support;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>
/// There is a CSV reader but no writer, so the round trip goes through an RFC 4180 encoder written here: any
/// table of fields (commas, quotes, CR, LF, empty fields, non-ASCII), encoded with LF or CRLF line ends, optional
/// quoting, blank lines between records and an optional final line end, parses back to the same fields, and each
/// record reports the 1-based line it starts on.
/// </summary>
public class CsvParseProperties
{
    static readonly Gen<string> Field = Gen.OneOf("a", "b1", "", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "é", "x y", "path/img.png")
        .Array[0, 4].Select(string.Concat);

    static readonly Gen<string[][]> Table = Field.Array[1, 4].Array[1, 6];

    /// <summary>Per record: quote every field, line end "\r\n", blank lines after it (0–2).</summary>
    static readonly Gen<(string[][] Rows, (bool Quote, bool Crlf, int Blank)[] Layout, bool FinalNewline)> Cases =
        Table.SelectMany(rows => Gen.Select(Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, 2]).Array[rows.Length], Gen.Bool, (layout, final) => (rows, layout, final)));

    static string EncodeField(string field, bool quoteAnyway, bool onlyField)
    {
        bool needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (onlyField && field.Length == 0);
        return needsQuotes || quoteAnyway ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    /// <summary>The text and the line each record starts on.</summary>
    static (string Text, int[] Lines) Encode(string[][] rows, (bool Quote, bool Crlf, int Blank)[] layout, bool finalNewline)
    {
        var text = new StringBuilder();
        var lines = new int[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            lines[r] = 1 + text.ToString().Count(c => c == '\n');
            text.Append(string.Join(",", rows[r].Select(f => EncodeField(f, layout[r].Quote, rows[r].Length == 1))));
            string end = layout[r].Crlf ? "\r\n" : "\n";
            if (r < rows.Length - 1 || finalNewline) text.Append(end);
            if (r < rows.Length - 1) for (int b = 0; b < layout[r].Blank; b++) text.Append(end);
        }
        return (text.ToString(), lines);
    }

    static string Show(string[] fields) => "[" + string.Join(" | ", fields.Select(f => f.Replace("\r", "\\r").Replace("\n", "\\n"))) + "]";

    [Fact]
    public void Encoded_records_parse_back_to_the_same_fields_and_start_lines()
    {
        Run(Cases, c =>
        {
            var (text, lines) = Encode(c.Rows, c.Layout, c.FinalNewline);
            var records = CsvFile.Parse(text, "test.csv");
            True(records.Count == c.Rows.Length, $"{records.Count} records, expected {c.Rows.Length}, from {text.Replace("\r", "\\r").Replace("\n", "\\n")}");
            for (int r = 0; r < records.Count; r++)
            {
                True(records[r].Fields.SequenceEqual(c.Rows[r]), $"record {r}: {Show(records[r].Fields)}, expected {Show(c.Rows[r])}");
                True(records[r].Line == lines[r], $"record {r} starts on line {records[r].Line}, expected {lines[r]}");
            }
        }, iterations: 400, seed: 21);
    }

    [Fact]
    public void A_file_with_or_without_a_byte_order_mark_reads_as_header_plus_rows()
    {
        using var dir = new TempDir();
        int n = 0;
        Run(Gen.Select(Cases, Gen.Bool), t =>
        {
            var (c, bom) = t;
            var (text, lines) = Encode(c.Rows, c.Layout, c.FinalNewline);
            string path = Path.Combine(dir.Path, $"t{n++}.csv");
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom));
            var table = CsvFile.Read(path);
            True(table.Header.SequenceEqual(c.Rows[0]), $"header {Show(table.Header.ToArray())}, expected {Show(c.Rows[0])}");
            True(table.Rows.Count == c.Rows.Length - 1, "row count");
            for (int r = 1; r < c.Rows.Length; r++)
            {
                True(table.Rows[r - 1].SequenceEqual(c.Rows[r]), $"row {r}: {Show(table.Rows[r - 1])}, expected {Show(c.Rows[r])}");
                True(table.LineNumbers[r - 1] == lines[r], $"row {r} line {table.LineNumbers[r - 1]}, expected {lines[r]}");
            }
        }, iterations: 100, seed: 22);
    }
}
