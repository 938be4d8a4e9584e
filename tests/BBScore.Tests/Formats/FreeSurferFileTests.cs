using System.Buffers.Binary;
using System.Text;
using BBScore.Formats.FreeSurfer;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>AnnotFile and LabelFile against what nibabel.freesurfer reads from the same files
/// (expected.json, from tests/fixtures/generate_lebel_format_fixtures.py), and their refusals of damaged
/// files: always an <see cref="InvalidDataException"/> starting with the path.</summary>
public class FreeSurferFileTests
{
    static string Fixture(string name) => TextGridFileTests.Fixture(name);

    [Theory]
    [InlineData("aparc_v2.annot")]
    [InlineData("aparc_old.annot")]
    public void Annotations_read_as_nibabel_reads_them(string file)
    {
        var expected = TextGridFileTests.Expected("annot").GetProperty(file);
        var annot = AnnotFile.Read(Fixture(file));
        Assert.Equal(expected.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()), annot.Labels);
        Assert.Equal(expected.GetProperty("names").EnumerateArray().Select(e => e.GetString()!), annot.Names);
        Assert.Equal(expected.GetProperty("color_labels").EnumerateArray().Select(e => e.GetInt32()), annot.ColorLabels);
        Assert.Equal(expected.GetProperty("vertex_names").EnumerateArray().Select(e => e.GetString()), AnnotFile.VertexNames(annot));
        Assert.Contains(AnnotFile.VertexNames(annot), n => n is null); // the generator leaves three vertices unlabelled
    }

    [Fact]
    public void A_label_reads_as_nibabel_reads_it()
    {
        var expected = TextGridFileTests.Expected("label").GetProperty("cortex.label");
        Assert.Equal(expected.EnumerateArray().Select(e => e.GetInt32()), LabelFile.ReadVertices(Fixture("cortex.label")));
    }

    [Fact]
    public void Vertex_names_are_null_for_no_label_and_unknown_values()
    {
        var annot = new FreeSurferAnnotation([0, 5, 7, -1, 5], ["a", "b", "b2"], [5, 7, 7]);
        Assert.Equal(new string?[] { null, "a", "b", null, "a" }, AnnotFile.VertexNames(annot));
    }

    [Theory]
    [InlineData("aparc_v2.annot")]
    [InlineData("aparc_old.annot")]
    public void Every_truncated_annotation_is_refused(string file)
    {
        byte[] bytes = File.ReadAllBytes(Fixture(file));
        for (int length = 0; length < bytes.Length; length += 3) RefusedAnnot(bytes[..length]);
    }

    [Fact]
    public void Huge_or_negative_annotation_counts_are_refused_before_allocating()
    {
        byte[] v2 = File.ReadAllBytes(Fixture("aparc_v2.annot"));
        int n = BinaryPrimitives.ReadInt32BigEndian(v2);
        int table = 4 + 8 * n; // the colortable flag
        Assert.Contains("remain", RefusedAnnot(With(v2, 0, int.MaxValue)).Message);
        RefusedAnnot(With(v2, 0, -5));
        Assert.Contains("no colortable", RefusedAnnot(With(v2, table, 0)).Message);
        Assert.Contains("version 3", RefusedAnnot(With(v2, table + 4, -3)).Message);
        RefusedAnnot(With(v2, table + 4, int.MinValue)); // -int.MinValue overflows an int
        RefusedAnnot(With(v2, table + 12, int.MaxValue)); // the source name's length
        int origLength = BinaryPrimitives.ReadInt32BigEndian(v2.AsSpan(table + 12));
        int entries = table + 16 + origLength;
        Assert.Contains("remain", RefusedAnnot(With(v2, entries, 100_000_000)).Message);
        Assert.Contains("outside the table", RefusedAnnot(With(v2, entries + 4, 1000)).Message); // the first entry's index
        RefusedAnnot(With(v2, entries + 8, -1)); // its name's length

        byte[] old = File.ReadAllBytes(Fixture("aparc_old.annot"));
        Assert.Contains("remain", RefusedAnnot(With(old, table + 4, int.MaxValue)).Message);
    }

    [Theory]
    [InlineData("#!ascii label\n3\n1 0 0 0 0\n2 0 0 0 0\n", "declares 3 vertices")]
    [InlineData("#!ascii label\n2000000000\n1 0 0 0 0\n", "declares 2000000000 vertices")]
    [InlineData("#!ascii label\n99999999999\n", "not a vertex count")]
    [InlineData("#!ascii label\n-1\n", "not a vertex count")]
    [InlineData("1 0 0 0 0\n", "'#' comment")]
    [InlineData("", "'#' comment")]
    [InlineData("#!ascii label\n1\n1 0 0 0\n", "has 4 fields")]
    [InlineData("#!ascii label\n1\n1 0 0 0 0 9\n", "more than 5 fields")]
    [InlineData("#!ascii label\n1\nx 0 0 0 0\n", "not a vertex number")]
    [InlineData("#!ascii label\n1\n1 0 zero 0 0\n", "not a number")]
    [InlineData("#!ascii label\n1\n-1 0 0 0 0\n", "volume label")]
    [InlineData("#!ascii label\n1\n1 0 0 0 0\n2 0 0 0 0\n", "follows the 1 vertices")]
    public void Damaged_labels_are_refused(string text, string message)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.label");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        var e = Assert.Throws<InvalidDataException>(() => LabelFile.ReadVertices(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Crlf_line_ends_and_trailing_blank_lines_are_accepted()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "crlf.label");
        File.WriteAllText(path, "#!ascii label\r\n2\r\n7  1.5  -2  3 0.0\r\n9\t0 0 0 1\r\n\r\n");
        Assert.Equal([7, 9], LabelFile.ReadVertices(path));
    }

    static byte[] With(byte[] file, int offset, int value)
    {
        var copy = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(offset), value);
        return copy;
    }

    static InvalidDataException RefusedAnnot(byte[] file)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.annot");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() => AnnotFile.Read(path));
        Assert.StartsWith(path, e.Message);
        return e;
    }
}
