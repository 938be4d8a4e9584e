using System.Buffers.Binary;
using System.Collections;
using System.Formats.Tar;
using System.Text.Json;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>Files torch 1.13 wrote in its legacy (non-zip) format, read by <see cref="TorchCheckpoint"/> as the zip ones
/// are (tests/fixtures/generate_legacy_torch_fixtures.py), and the damaged or hostile ones it refuses.</summary>
public class LegacyTorchCheckpointTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy_torch", name);

    [Fact]
    public void A_legacy_checkpoint_loads_into_the_network_as_its_zip_twin_does()
    {
        var network = SeededBuild.Construct(() => new TinyNet(), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("tinynet.pt")); // 'state_dict' wrapper, 'module.' prefixes, a Namespace beside it
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(TorchCheckpointFixtureTests.NoResize),
            new ModelIdentity("tiny", "h", "test"));

        var features = model.Extract([TorchCheckpointFixtureTests.FixtureImage()], ["relu", "blocks", "fc"]);

        foreach (string layer in new[] { "relu", "blocks", "fc" })
        {
            var (expected, shape) = BBScore.Formats.NpyFile.ReadFloat64(TorchCheckpointFixtureTests.FixturePath(layer + ".npy"));
            Assert.Equal(shape, features[layer].Shape);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, expected.Select(v => (float)v).ToArray());
            Assert.True(diff <= 1e-5, $"{layer}: max |C# − torch| = {diff}");
        }
    }

    [Theory]
    [InlineData("dtypes.pt")]
    [InlineData("dtypes_p4.pt")]
    public void Every_dtype_and_both_views_of_a_shared_storage_read_exactly(string file)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(FixturePath("dtypes.json")));
        Hashtable state = TorchCheckpoint.ReadStateDict(FixturePath(file));
        try
        {
            Assert.Equal(expected.RootElement.EnumerateObject().Count(), state.Count);
            foreach (var entry in expected.RootElement.EnumerateObject())
            {
                var tensor = Assert.IsType<Tensor>(state[entry.Name]);
                long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                Assert.Equal(shape, tensor.shape); // num_batches_tracked stays 0-dim
                Assert.Equal(DType(entry.Value.GetProperty("dtype").GetString()!), tensor.dtype);
                using var asDouble = tensor.to(ScalarType.Float64).contiguous();
                Assert.Equal(entry.Value.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray(), asDouble.data<double>().ToArray());
            }
        }
        finally
        {
            foreach (var tensor in state.Values.OfType<Tensor>()) tensor.Dispose();
        }
    }

    static ScalarType DType(string name) => name switch
    {
        "float32" => ScalarType.Float32, "float16" => ScalarType.Float16, "bfloat16" => ScalarType.BFloat16, "float64" => ScalarType.Float64,
        "int64" => ScalarType.Int64, "int32" => ScalarType.Int32, "uint8" => ScalarType.Byte, "bool" => ScalarType.Bool,
        _ => throw new ArgumentException(name),
    };

    static string Edited(TempDir dir, string fixture, Func<byte[], byte[]> edit)
    {
        string path = Path.Combine(dir.Path, "edited.pt");
        File.WriteAllBytes(path, edit(File.ReadAllBytes(FixturePath(fixture))));
        return path;
    }

    static InvalidDataException Refusal(string path) =>
        Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), path));

    [Fact]
    public void A_foreign_global_is_refused_by_name_before_anything_is_built()
    {
        using var dir = new TempDir();
        string path = Edited(dir, "tinynet.pt", d =>
        {
            string text = System.Text.Encoding.Latin1.GetString(d);
            Assert.Contains("ccollections\nOrderedDict\n", text);
            return System.Text.Encoding.Latin1.GetBytes(text.Replace("ccollections\nOrderedDict\n", "cposix\nsystem\n"));
        });

        var error = Refusal(path);

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains("'posix.system'", error.Message);
        Assert.Contains("Nothing was executed", error.Message);
    }

    [Theory]
    [InlineData(0.3)] // inside the saved object's pickle
    [InlineData(0.97)] // inside the storages' bytes
    public void A_truncated_file_is_refused_naming_it(double keep)
    {
        using var dir = new TempDir();
        string path = Edited(dir, "tinynet.pt", d => d[..(int)(d.Length * keep)]);

        var error = Refusal(path);

        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void A_storage_larger_than_the_bytes_left_is_refused_before_it_is_allocated()
    {
        using var dir = new TempDir();
        // one.pt's only storage declares 4 floats; cut two of them off the end.
        string path = Edited(dir, "one.pt", d => d[..^8]);

        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.ReadStateDict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("declares 4 values of 4 bytes, but only 8 bytes remain", error.Message);
    }

    [Fact]
    public void An_element_count_that_disagrees_with_the_storage_reference_is_refused()
    {
        using var dir = new TempDir();
        string path = Edited(dir, "one.pt", d =>
        {
            Assert.Equal(4, BinaryPrimitives.ReadInt64LittleEndian(d.AsSpan(d.Length - 24)));
            BinaryPrimitives.WriteInt64LittleEndian(d.AsSpan(d.Length - 24), 1L << 62);
            return d;
        });

        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.ReadStateDict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"holds {1L << 62} values where its reference declares 4", error.Message);
    }

    [Fact]
    public void A_tensor_reaching_past_its_storage_is_refused()
    {
        using var dir = new TempDir();
        // one.pt pickles the size (4,) as BININT1 4 then TUPLE1; make it 40.
        string path = Edited(dir, "one.pt", d =>
        {
            int i = d.AsSpan().IndexOf(new byte[] { (byte)'K', 4, 0x85 });
            Assert.True(i > 0);
            d[i + 1] = 40;
            return d;
        });

        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.ReadStateDict(path));

        Assert.Contains("reaches element 39 of storage", error.Message);
    }

    [Fact]
    public void Torchs_first_tar_format_is_refused_by_name()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "old.pt");
        using (var file = File.Create(path))
        using (var tar = new TarWriter(file))
            foreach (string member in new[] { "storages", "tensors", "pickle" })
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, member) { DataStream = new MemoryStream([0x80, 0x02, 0x2e]) });

        var error = Refusal(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("tar archive", error.Message);
    }
}
