using System.Text;
using BBScore.Formats;
using BBScore.Tests.Support;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>.npy write/read round trips over random shapes (rank 1–3, zero-length axes included) and random
/// bit patterns (NaN payloads, ±∞, subnormals, −0).</summary>
public sealed class NpyRoundTripProperties : IDisposable
{
    readonly TempDir _dir = new();
    int _files;

    public void Dispose() => _dir.Dispose();

    string NextPath() => Path.Combine(_dir.Path, $"a{_files++}.npy");

    /// <summary>Rank 1 up to 40 long; ranks 2 and 3 up to 6 per axis; about one axis in seven is empty.</summary>
    static readonly Gen<int[]> Shape = Gen.Int[1, 3].SelectMany(rank => Gen.Int[0, rank == 1 ? 40 : 6].Array[rank]);

    static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    static readonly Gen<(int[] Shape, float[] Data)> FloatArrays =
        Shape.SelectMany(shape => Gen.Float.Special.Array[Count(shape)].Select(data => (shape, data)));

    static readonly Gen<(int[] Shape, double[] Data, bool Fortran)> DoubleArrays =
        Shape.SelectMany(shape => Gen.Select(Gen.Double.Special.Array[Count(shape)], Gen.Bool, (data, fortran) => (shape, data, fortran)));

    static void SameFloatBits(float[] expected, float[] actual)
    {
        True(expected.Length == actual.Length, $"length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"value {i}: bits {BitConverter.SingleToInt32Bits(actual[i]):X8}, expected {BitConverter.SingleToInt32Bits(expected[i]):X8}");
    }

    static void SameDoubleBits(double[] expected, double[] actual)
    {
        True(expected.Length == actual.Length, $"length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"value {i}: bits {BitConverter.DoubleToInt64Bits(actual[i]):X16}, expected {BitConverter.DoubleToInt64Bits(expected[i]):X16}");
    }

    [Fact]
    public void Float32_write_then_read_is_bit_exact_with_the_same_shape()
    {
        Run(FloatArrays, c =>
        {
            string path = NextPath();
            NpyFile.WriteFloat32(path, c.Data, c.Shape);
            var (data, shape) = NpyFile.ReadFloat32(path);
            True(shape.SequenceEqual(c.Shape), $"shape [{string.Join(",", shape)}], expected [{string.Join(",", c.Shape)}]");
            SameFloatBits(c.Data, data);
            // Read at float64: each value widened exactly as a (double) cast does.
            var (wide, wideShape) = NpyFile.ReadFloat64(path);
            True(wideShape.SequenceEqual(c.Shape), "float64 read changed the shape");
            SameDoubleBits(Array.ConvertAll(c.Data, v => (double)v), wide);
        }, iterations: 150, seed: 1);
    }

    [Fact]
    public void Header_is_64_byte_aligned_and_the_file_holds_exactly_the_data()
    {
        Run(Shape, shape =>
        {
            byte[] header = NpyFile.Float32Header(shape);
            True(header.Length % 64 == 0, $"header of {header.Length} bytes is not 64-aligned");
            True(header[^1] == (byte)'\n', "header does not end with a newline");
            string path = NextPath();
            NpyFile.WriteFloat32(path, new float[Count(shape)], shape);
            True(new FileInfo(path).Length == header.Length + 4L * Count(shape), "file length is not header + 4 bytes per value");
            using var stream = File.OpenRead(path);
            var parsed = NpyFile.ReadHeader(stream, path);
            True(parsed.Descr == "<f4" && !parsed.FortranOrder && parsed.Shape.SequenceEqual(shape) && parsed.DataOffset == header.Length,
                $"header read back as {parsed.Descr}, fortran {parsed.FortranOrder}, [{string.Join(",", parsed.Shape)}], offset {parsed.DataOffset}");
        }, iterations: 200, seed: 2);
    }

    [Fact]
    public void Streaming_in_any_row_blocks_writes_the_same_bytes_as_one_write()
    {
        var gen = FloatArrays.SelectMany(c => Gen.Int[0, Math.Max(0, c.Data.Length)].Array[0, 4].Select(cuts => (c.Shape, c.Data, Cuts: cuts)));
        Run(gen, c =>
        {
            string whole = NextPath(), streamed = NextPath();
            NpyFile.WriteFloat32(whole, c.Data, c.Shape);
            using (var writer = new NpyStreamWriter(streamed, c.Shape))
            {
                int start = 0;
                foreach (int cut in c.Cuts.Order())
                {
                    writer.WriteRows(c.Data.AsSpan(start, cut - start));
                    start = cut;
                }
                writer.WriteRows(c.Data.AsSpan(start));
                writer.Complete();
            }
            True(File.ReadAllBytes(whole).AsSpan().SequenceEqual(File.ReadAllBytes(streamed)), "streamed file differs from the one-shot file");
            True(!File.Exists(streamed + ".partial"), "a completed writer left its partial file");
        }, iterations: 100, seed: 3);
    }

    [Fact]
    public void An_incomplete_writer_leaves_no_file_and_an_overfull_one_refuses_the_extra_values()
    {
        var gen = Shape.Where(s => Count(s) > 0).SelectMany(s => Gen.Int[0, Count(s) - 1].Select(short_ => (Shape: s, Written: short_)));
        Run(gen, c =>
        {
            string path = NextPath();
            using (var writer = new NpyStreamWriter(path, c.Shape))
            {
                writer.WriteRows(new float[c.Written]);
                Assert.Throws<InvalidOperationException>(() => writer.Complete());
                Assert.Throws<InvalidOperationException>(() => writer.WriteRows(new float[Count(c.Shape) - c.Written + 1]));
            }
            True(!File.Exists(path) && !File.Exists(path + ".partial"), "an uncompleted writer left a file behind");
        }, iterations: 100, seed: 4);
    }

    /// <summary>There is no float64 writer, so the test writes the file (numpy's layout) and checks the reader,
    /// including Fortran order, which must come back in C order.</summary>
    [Fact]
    public void Float64_files_in_C_or_Fortran_order_read_back_bit_exact_in_C_order()
    {
        Run(DoubleArrays, c =>
        {
            string path = NextPath();
            WriteFloat64(path, c.Data, c.Shape, c.Fortran);
            var (data, shape) = NpyFile.ReadFloat64(path);
            True(shape.SequenceEqual(c.Shape), $"shape [{string.Join(",", shape)}], expected [{string.Join(",", c.Shape)}]");
            SameDoubleBits(c.Data, data);
            var (narrow, _) = NpyFile.ReadFloat32(path);
            SameFloatBits(Array.ConvertAll(c.Data, v => (float)v), narrow);
        }, iterations: 150, seed: 5);
    }

    /// <summary>numpy's v1.0 layout; C-order <paramref name="data"/> is stored in Fortran order when asked.</summary>
    static void WriteFloat64(string path, double[] data, int[] shape, bool fortran)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '<f8', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        int padding = (64 - (10 + dict.Length + 1) % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        foreach (int c in fortran ? FortranOrder(shape) : Enumerable.Range(0, data.Length)) file.Write(BitConverter.GetBytes(data[c]));
    }

    /// <summary>The C-order indices in Fortran (first axis fastest) order, by a direct loop over multi-indices.</summary>
    static IEnumerable<int> FortranOrder(int[] shape)
    {
        int rank = shape.Length;
        int n0 = shape[0], n1 = rank > 1 ? shape[1] : 1, n2 = rank > 2 ? shape[2] : 1;
        for (int k = 0; k < n2; k++)
            for (int j = 0; j < n1; j++)
                for (int i = 0; i < n0; i++)
                    yield return (i * n1 + j) * n2 + k;
    }
}
