using BBScore.Formats.Matlab;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>MAT v5 files built from bytes whose tags and dimensions declare more than they hold: an
/// <see cref="InvalidDataException"/> naming the file, before anything that size is allocated.</summary>
public class HostileMatTests
{
    const int MiInt8 = 1, MiInt32 = 5, MiUInt32 = 6, MiDouble = 9, MiMatrix = 14, MiUtf32 = 18;
    const int CellClass = 1, CharClass = 4, DoubleClass = 6;

    static byte[] Element(int type, byte[] payload)
    {
        int padded = (payload.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded];
        BitConverter.GetBytes(type).CopyTo(bytes, 0);
        BitConverter.GetBytes(payload.Length).CopyTo(bytes, 4);
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    static byte[] Ints(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>A miMATRIX of class <paramref name="classCode"/> with the given dimensions element, name and data elements.</summary>
    static byte[] Matrix(int classCode, byte[] dims, string name, params byte[][] data) =>
        Element(MiMatrix, [.. Element(MiUInt32, Ints(classCode, 0)), .. dims, .. Element(MiInt8, System.Text.Encoding.ASCII.GetBytes(name)), .. data.SelectMany(d => d)]);

    static byte[] File5(byte[] body)
    {
        var header = new byte[128];
        System.Text.Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, hostile test").CopyTo(header, 0);
        header[124] = 0; header[125] = 1; // version 0x0100
        header[126] = (byte)'I'; header[127] = (byte)'M';
        return [.. header, .. body];
    }

    static void AssertRefused(byte[] file)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.mat");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            using var mat = MatFile.Open(path);
            foreach (var name in mat.VariableNames) mat.Read(name);
        });
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_cell_declaring_more_items_than_bytes_is_refused() =>
        AssertRefused(File5(Matrix(CellClass, Element(MiInt32, Ints(40000, 40000)), "c")));

    [Fact]
    public void Dimensions_whose_product_overflows_int_are_refused() =>
        AssertRefused(File5(Matrix(DoubleClass, Element(MiInt32, Ints(65536, 65536)), "x", Element(MiDouble, []))));

    [Fact]
    public void Dimensions_stored_as_huge_or_negative_doubles_are_refused()
    {
        AssertRefused(File5(Matrix(DoubleClass, Element(MiDouble, BitConverter.GetBytes(1e300).Concat(BitConverter.GetBytes(1.0)).ToArray()), "x", Element(MiDouble, []))));
        AssertRefused(File5(Matrix(DoubleClass, Element(MiInt32, Ints(-2, -2)), "x", Element(MiDouble, new byte[32]))));
    }

    [Fact]
    public void A_char_that_is_not_a_code_point_is_refused() =>
        AssertRefused(File5(Matrix(CharClass, Element(MiInt32, Ints(1, 1)), "s", Element(MiUtf32, Ints(0x7FFFFFFF)))));

    [Fact]
    public void Cells_nested_past_the_depth_limit_are_refused()
    {
        byte[] inner = Matrix(DoubleClass, Element(MiInt32, Ints(0, 0)), "", Element(MiDouble, []));
        for (int i = 0; i < 200; i++) inner = Matrix(CellClass, Element(MiInt32, Ints(1, 1)), i == 199 ? "deep" : "", inner);
        AssertRefused(File5(inner));
    }

    [Fact]
    public void A_zlib_bomb_is_refused_as_it_inflates()
    {
        // A miCOMPRESSED element of 50 bytes claiming to inflate a matrix of 4 GiB: it inflates only what it holds.
        using var z = new MemoryStream();
        using (var zs = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            zs.Write(Ints(MiMatrix, int.MaxValue));
        AssertRefused(File5(Element(15, z.ToArray())));
    }

    [Fact]
    public void Every_truncation_of_a_real_file_is_refused()
    {
        string fixture = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "matlab"), "*v5*.mat").Concat(
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "matlab"), "*.mat")).First(f => MatFile.DetectVersion(f) == MatFile.MatVersion.V5);
        byte[] whole = File.ReadAllBytes(fixture);
        for (int length = 0; length < whole.Length; length += Math.Max(1, whole.Length / 60))
            AssertRefused(whole[..length]);
    }
}
