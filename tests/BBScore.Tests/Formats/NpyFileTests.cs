using System.Text;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

public class NpyFileTests
{
    [Fact]
    public void Float32RoundTripKeepsShapeAndValuesAndAlignsHeader()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "x.npy");
        float[] data = [1, -2.5f, 3, float.NaN, 5, 6];
        NpyFile.WriteFloat32(path, data, [2, 3]);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(0, (bytes.Length - data.Length * 4) % 64); // numpy pads the header to 64 bytes
        Assert.Contains("'shape': (2, 3)", Encoding.ASCII.GetString(bytes, 0, 128));
        var (read, shape) = NpyFile.ReadFloat32(path);
        Assert.Equal([2, 3], shape);
        Assert.Equal(data, read);
    }

    [Fact]
    public void ReadsFloat64FortranOrder()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "f.npy");
        // numpy: np.asfortranarray(np.array([[1.,2.,3.],[4.,5.,6.]])) stored column by column.
        string dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        string header = dict + new string(' ', 128 - 10 - dict.Length - 1) + "\n";
        using (var f = File.Create(path))
        {
            f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            f.Write(BitConverter.GetBytes((ushort)header.Length));
            f.Write(Encoding.ASCII.GetBytes(header));
            foreach (double v in new double[] { 1, 4, 2, 5, 3, 6 }) f.Write(BitConverter.GetBytes(v));
        }
        var (read, shape) = NpyFile.ReadFloat32(path);
        Assert.Equal([2, 3], shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], read);
    }

    [Fact]
    public void TruncatedFileNamesTheFile()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "t.npy");
        NpyFile.WriteFloat32(path, new float[100], [10, 10]);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path));
        Assert.Contains("t.npy", e.Message);
    }
}
