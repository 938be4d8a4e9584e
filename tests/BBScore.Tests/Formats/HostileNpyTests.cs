using System.Text;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>Malformed and hostile .npy files: every one must be an <see cref="InvalidDataException"/>
/// naming the file (never an overflow, a format error or a huge allocation).</summary>
public class HostileNpyTests
{
    /// <summary>A version 1.0 .npy with header dict <paramref name="dict"/> followed by <paramref name="dataBytes"/> zero bytes.</summary>
    internal static byte[] Npy(string dict, int dataBytes = 0, byte major = 1)
    {
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        string header = dict + "\n";
        bytes.AddRange(major == 1 ? BitConverter.GetBytes((ushort)header.Length) : BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[dataBytes]);
        return bytes.ToArray();
    }

    static InvalidDataException Refused(byte[] file)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.npy");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path));
        Assert.Contains(path, e.Message);
        Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat64(path));
        return e;
    }

    [Theory]
    [InlineData("(99999999999999999999,)")] // overflows every integer type
    [InlineData("(4294967296, 4294967296)")] // overflows int
    [InlineData("(-1,)")]
    [InlineData("(-2, -2)")] // a positive product of negative dimensions
    [InlineData("(abc,)")]
    [InlineData("(1.5,)")]
    [InlineData("(100000, 100000)")] // fits in a long, not in the 8 data bytes that follow
    public void Bad_shapes_are_refused(string shape)
    {
        Refused(Npy($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", dataBytes: 8));
    }

    [Fact]
    public void Declared_values_beyond_the_file_are_refused_before_allocating()
    {
        // 500 million float64 values (4 GB) declared, 16 bytes present.
        var e = Refused(Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (500000000,), }", dataBytes: 16));
        Assert.Contains("remain", e.Message);
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_limit_is_refused()
    {
        var file = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", dataBytes: 4, major: 2);
        BitConverter.GetBytes(uint.MaxValue).CopyTo(file, 8); // a 4 GiB header
        Refused(file);
        BitConverter.GetBytes((uint)(ReadLimits.MaxNpyHeaderBytes + 1)).CopyTo(file, 8);
        Refused(file);
    }

    [Fact]
    public void Unknown_versions_and_truncations_are_refused()
    {
        var good = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", dataBytes: 8);
        Refused(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", dataBytes: 8, major: 9));
        for (int length = 0; length < good.Length; length += 7) Refused(good[..length]);
    }
}

/// <summary>One .npy over 2 GiB, read and written back: 600 million float32 values (2.4 GB). The file is
/// sparse where it is not written and the test holds one 2.4 GB array at a time. The only such test.</summary>
public class LargeNpyTests
{
    [Fact]
    [Trait("Size", "Large")]
    public void A_float32_array_over_2_GiB_reads_and_writes()
    {
        const int count = 600_000_000;
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "big.npy");
        byte[] header = NpyFile.Float32Header([count]);
        using (var f = File.Create(path))
        {
            f.Write(header);
            f.SetLength(header.Length + (long)count * 4); // sparse: costs no disk
            f.Position = header.Length + (long)(count - 2) * 4;
            f.Write(BitConverter.GetBytes(1.5f));
            f.Write(BitConverter.GetBytes(-7f));
        }
        var (data, shape) = NpyFile.ReadFloat32(path);
        Assert.Equal([count], shape);
        Assert.Equal(count, data.Length);
        Assert.Equal(0f, data[0]);
        Assert.Equal(1.5f, data[count - 2]);
        Assert.Equal(-7f, data[count - 1]);

        // Write it back through the streaming writer in one call (a span of more than int.MaxValue bytes).
        string copy = Path.Combine(dir.Path, "copy.npy");
        File.Delete(path);
        NpyFile.WriteFloat32(copy, data, [count]);
        data = null!;
        Assert.Equal(header.Length + (long)count * 4, new FileInfo(copy).Length);
        using var g = File.OpenRead(copy);
        g.Position = header.Length + (long)(count - 2) * 4;
        var tail = new byte[8];
        g.ReadExactly(tail);
        Assert.Equal(1.5f, BitConverter.ToSingle(tail, 0));
        Assert.Equal(-7f, BitConverter.ToSingle(tail, 4));
    }
}

/// <summary>Hostile and truncated .npz archives.</summary>
public class HostileNpzTests
{
    static string Zip(TempDir dir, string member, byte[] content)
    {
        string path = Path.Combine(dir.Path, "hostile.npz");
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create);
        using (var s = zip.CreateEntry(member).Open()) s.Write(content);
        return path;
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (500000000,), }")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999,), }")]
    [InlineData("{'descr': '<x9', 'fortran_order': False, 'shape': (1,), }")]
    public void A_member_with_a_hostile_header_is_refused_naming_archive_and_member(string dict)
    {
        using var dir = new TempDir();
        string path = Zip(dir, "a.npy", HostileNpyTests.Npy(dict, dataBytes: 16));
        var e = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path, "a"));
        Assert.Contains(path + ":a.npy", e.Message);
    }

    [Fact]
    public void Every_truncation_of_an_archive_is_refused_naming_it()
    {
        using var dir = new TempDir();
        byte[] whole = File.ReadAllBytes(NumpyPickleTests.Fixture("arrays_compressed.npz"));
        string path = Path.Combine(dir.Path, "cut.npz");
        for (int length = 0; length < whole.Length; length += Math.Max(1, whole.Length / 40))
        {
            File.WriteAllBytes(path, whole[..length]);
            var e = Assert.Throws<InvalidDataException>(() => NpzFile.ReadAll(path));
            Assert.Contains(path, e.Message);
        }
    }
}
