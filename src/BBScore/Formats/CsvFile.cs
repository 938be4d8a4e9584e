using System.Text;

namespace BBScore.Formats;

/// <summary>Reads a comma-separated file (RFC 4180: fields may be quoted, <c>""</c> is a quote inside
/// a quoted field, quoted fields may span lines; LF or CRLF line ends; a UTF-8 byte-order mark is
/// skipped). Blank lines are dropped. The first row is the header.</summary>
public static class CsvFile
{
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, IReadOnlyList<int> LineNumbers)
    {
        /// <summary>The index of a header column (trimmed, case-insensitive), or -1.</summary>
        public int ColumnIndex(string name)
        {
            for (int i = 0; i < Header.Count; i++)
                if (string.Equals(Header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }
    }

    public static Table Read(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        var records = Parse(text, path);
        if (records.Count == 0) throw new InvalidDataException($"{path}: the CSV file is empty; it needs a header row.");
        return new Table(records[0].Fields, records.Skip(1).Select(r => r.Fields).ToList(), records.Skip(1).Select(r => r.Line).ToList());
    }

    /// <summary>Records with the 1-based line each starts on.</summary>
    public static List<(string[] Fields, int Line)> Parse(string text, string source)
    {
        var records = new List<(string[], int)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, fieldWasQuoted = false;
        int line = 1, recordLine = 1;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            bool lastWasQuoted = fieldWasQuoted;
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0 || lastWasQuoted) records.Add((fields.ToArray(), recordLine));
            fields.Clear();
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = fieldWasQuoted = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    EndRecord();
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted) throw new InvalidDataException($"{source}: line {recordLine}: a quoted field is never closed (missing \").");
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted) EndRecord();
        return records;
    }
}
