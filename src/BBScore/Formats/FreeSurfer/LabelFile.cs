using System.Globalization;

namespace BBScore.Formats.FreeSurfer;

/// <summary>Reads a FreeSurfer surface <c>.label</c> file (ASCII): a <c>#</c> comment line, the vertex
/// count, then one line per vertex <c>vertex x y z value</c>. nibabel.freesurfer.read_label returns the
/// first column of every line after the second; this reader returns the same for a well-formed file and
/// also checks what nibabel does not: the count matches the lines, each line has its five numbers.</summary>
public static class LabelFile
{
    /// <summary>The vertex indices, in file order.</summary>
    public static int[] ReadVertices(string path)
    {
        string[] lines = File.ReadAllText(path).Split('\n');
        if (lines.Length < 2 || !lines[0].StartsWith('#'))
            throw new InvalidDataException($"{path}: not a FreeSurfer label file (the first line must be a '#' comment, then the vertex count); use e.g. label/lh.cortex.label.");
        string countText = lines[1].Trim();
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new InvalidDataException($"{path}: line 2 is \"{Clip(countText)}\", not a vertex count (corrupt label file).");
        // Each vertex has its own line, so a count beyond the lines left is a truncated or corrupt file.
        int available = lines.Length - 2 - (lines[^1].Length == 0 ? 1 : 0); // a final newline ends the last line
        if (count > available)
            throw new InvalidDataException($"{path}: declares {count} vertices but has {available} lines after the count (truncated label file).");
        var vertices = new int[count];
        var fields = new Range[6];
        for (int i = 0; i < count; i++)
        {
            var line = lines[2 + i].AsSpan().Trim();
            int n = line.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries);
            if (n != 5)
                throw new InvalidDataException($"{path}: line {3 + i} has {(n > 5 ? "more than 5" : n)} fields; a label line is \"vertex x y z value\" (truncated or corrupt label file).");
            if (!int.TryParse(line[fields[0]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int vertex))
                throw new InvalidDataException($"{path}: line {3 + i}: \"{Clip(line[fields[0]].ToString())}\" is not a vertex number (corrupt label file).");
            if (vertex < 0)
                throw new InvalidDataException($"{path}: line {3 + i}: vertex {vertex}; a volume label (vertex -1) has no surface vertices, use a surface label such as label/lh.cortex.label.");
            for (int f = 1; f < 5; f++)
                if (!double.TryParse(line[fields[f]], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new InvalidDataException($"{path}: line {3 + i}: \"{Clip(line[fields[f]].ToString())}\" is not a number (corrupt label file).");
            vertices[i] = vertex;
        }
        for (int i = 2 + count; i < lines.Length; i++)
            if (!string.IsNullOrWhiteSpace(lines[i]))
                throw new InvalidDataException($"{path}: line {i + 1} follows the {count} vertices the file declares (the count on line 2 is wrong, or the file is corrupt).");
        return vertices;
    }

    /// <summary>A field as quoted in a message: at most 40 characters of a possibly huge line.</summary>
    static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
