using System.Buffers.Binary;
using System.Text;

namespace BBScore.Formats.FreeSurfer;

/// <summary>A FreeSurfer surface annotation: <see cref="Labels"/>[v] is the annotation value of the v-th
/// vertex record (FreeSurfer's packed colour r + g·2^8 + b·2^16; 0 or a value in no entry means none),
/// and colortable entry i is named <see cref="Names"/>[i] with value <see cref="ColorLabels"/>[i].</summary>
public sealed record FreeSurferAnnotation(int[] Labels, string[] Names, int[] ColorLabels);

/// <summary>Reads a FreeSurfer <c>.annot</c> file (big-endian) as nibabel.freesurfer.io.read_annot does:
/// the vertex count, (vertex, value) pairs, a colortable flag, then an old-format colortable (positive
/// entry count; per entry a name and r, g, b, t) or a version-2 one (-2, max entries, source file name,
/// entry count; per entry its index, a name and r, g, b, t). An entry's value is r + g·2^8 + b·2^16
/// (t is not part of it). Like nibabel, the vertex column is not used: the v-th record is vertex v (FreeSurfer
/// always writes them in order). Every count is checked against the bytes left before anything is allocated.</summary>
public static class AnnotFile
{
    public static FreeSurferAnnotation Read(string path)
    {
        var r = new Reader(File.ReadAllBytes(path), path);
        int n = r.Int32("the vertex count");
        r.RequireItems(n, 8, "vertex records");
        var labels = new int[n];
        for (int v = 0; v < n; v++)
        {
            r.Int32("a vertex number");
            labels[v] = r.Int32("a vertex label");
        }
        if (r.Int32("the colortable flag") == 0)
            throw new InvalidDataException($"{path}: the annotation has no colortable, so its labels cannot be named; use an annotation written by FreeSurfer (e.g. label/lh.aparc.annot).");
        int entries = r.Int32("the colortable entry count");
        var (names, values) = entries > 0 ? ReadOldTable(r, entries) : ReadVersion2Table(r, entries);
        return new FreeSurferAnnotation(labels, names, values);
    }

    /// <summary>The colortable name of each vertex's label, or null where it has none: the value 0 (nibabel's
    /// "no label", -1 in its orig_ids=False labels) or a value that no entry has. When two entries share a value
    /// the first names it.</summary>
    public static string?[] VertexNames(FreeSurferAnnotation a)
    {
        var byValue = new Dictionary<int, string>();
        for (int i = 0; i < a.ColorLabels.Length && i < a.Names.Length; i++) byValue.TryAdd(a.ColorLabels[i], a.Names[i]);
        var names = new string?[a.Labels.Length];
        for (int v = 0; v < names.Length; v++)
            names[v] = a.Labels[v] != 0 && byValue.TryGetValue(a.Labels[v], out var name) ? name : null;
        return names;
    }

    /// <summary>Old format: the source table's name, then per entry a name and r, g, b, t.</summary>
    static (string[], int[]) ReadOldTable(Reader r, int entries)
    {
        r.Name("the colortable's source file name");
        r.RequireItems(entries, 4 + 16, "colortable entries");
        var names = new string[entries];
        var values = new int[entries];
        for (int i = 0; i < entries; i++)
        {
            names[i] = r.Name($"the name of colortable entry {i}");
            values[i] = r.Color();
        }
        return (names, values);
    }

    /// <summary>Version 2: -2, the largest entry index + 1, the source table's name, the number of entries,
    /// then per entry its index, a name and r, g, b, t.</summary>
    static (string[], int[]) ReadVersion2Table(Reader r, int negativeVersion)
    {
        long version = -(long)negativeVersion;
        if (version != 2)
            throw new InvalidDataException($"{r.Path}: colortable version {version}; only the old format and version 2 exist (corrupt file, or a FreeSurfer format newer than this reader).");
        int maxEntries = r.Int32("the colortable size");
        r.Name("the colortable's source file name");
        int entries = r.Int32("the colortable entry count");
        r.RequireItems(entries, 4 + 4 + 16, "colortable entries");
        var names = new string[entries];
        var values = new int[entries];
        for (int i = 0; i < entries; i++)
        {
            int index = r.Int32("a colortable index");
            // nibabel stores the entry at row `index` of a table of maxEntries rows: outside it, the file is corrupt.
            if (index < 0 || index >= maxEntries)
                throw new InvalidDataException($"{r.Path}: colortable entry {i} has index {index}, outside the table's {maxEntries} entries (corrupt file).");
            names[i] = r.Name($"the name of colortable entry {i}");
            values[i] = r.Color();
        }
        return (names, values);
    }

    /// <summary>Big-endian reads from the file's bytes; running past the end names the file and what was read.</summary>
    sealed class Reader(byte[] bytes, string path)
    {
        int _at;

        public string Path => path;

        long Left => bytes.Length - _at;

        public int Int32(string what)
        {
            if (Left < 4) throw new InvalidDataException($"{path}: the file ends inside {what} at byte {_at} (truncated .annot file).");
            int value = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(_at, 4));
            _at += 4;
            return value;
        }

        /// <summary>Refuses <paramref name="count"/> items of at least <paramref name="bytesEach"/> bytes that the rest of the file cannot hold.</summary>
        public void RequireItems(int count, int bytesEach, string what)
        {
            if (count < 0)
                throw new InvalidDataException($"{path}: {count} {what} declared at byte {_at - 4} (corrupt .annot file).");
            ReadLimits.RequireBytes(count, bytesEach, Left, path, what);
        }

        /// <summary>A length-prefixed string; the NUL terminators FreeSurfer writes are dropped (as numpy's S dtype does).</summary>
        public string Name(string what)
        {
            int length = Int32($"the length of {what}");
            if (length < 0 || length > Left)
                throw new InvalidDataException($"{path}: {what} declares {length} bytes at byte {_at - 4}, but {Left} remain (truncated or corrupt .annot file).");
            var raw = bytes.AsSpan(_at, length);
            _at += length;
            int end = raw.Length;
            while (end > 0 && raw[end - 1] == 0) end--;
            return Encoding.UTF8.GetString(raw[..end]);
        }

        /// <summary>r, g, b, t; the entry's value is nibabel's packing r + g·2^8 + b·2^16 in 32-bit arithmetic
        /// (out-of-range components wrap as they do in its int32 arrays).</summary>
        public int Color()
        {
            int red = Int32("a red component"), green = Int32("a green component"), blue = Int32("a blue component");
            Int32("a transparency component");
            return unchecked(red + green * 256 + blue * 65536);
        }
    }
}
