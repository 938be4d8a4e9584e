using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>A real torch.save file (torch 1.13, zip format, state_dict wrapped in a dict with 'module.'
/// prefixes) read into a TorchSharp network: its hooked outputs equal torch's on the same input.</summary>
public class TorchCheckpointFixtureTests
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_checkpoint");

    internal static string FixturePath(string name) => Path.Combine(Folder, name);

    /// <summary>No resize or crop: the 8×8 image goes in as is, scaled and ImageNet-normalised, as the generator feeds torch.</summary>
    internal static readonly ImagePreprocessSpec NoResize = new("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
        ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    internal static RgbImage FixtureImage()
    {
        var (values, shape) = NpyFile.ReadFloat64(FixturePath("image.npy"));
        Assert.Equal([8, 8, 3], shape);
        return new RgbImage(8, 8, values.Select(v => checked((byte)v)).ToArray());
    }

    [Fact]
    public void Hooked_outputs_of_the_loaded_checkpoint_match_torch()
    {
        var network = SeededBuild.Construct(() => new TinyNet(), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("checkpoint.pt"));
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(NoResize), new ModelIdentity("tiny", "h", "test"));

        var features = model.Extract([FixtureImage()], ["relu", "blocks", "fc", "_orig_mod.fc"]);

        foreach (string layer in new[] { "relu", "blocks", "fc" })
        {
            var (expected, shape) = NpyFile.ReadFloat64(FixturePath(layer + ".npy"));
            Assert.Equal(shape, features[layer].Shape);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, expected.Select(v => (float)v).ToArray());
            Assert.True(diff <= 1e-5, $"{layer}: max |C# − torch| = {diff}");
        }
        Assert.Equal(features["fc"].Data, features["_orig_mod.fc"].Data); // torch.compile's prefix is accepted
    }

    [Fact]
    public void Ema_weights_are_taken_from_the_ema_entry_and_required_when_asked_for()
    {
        float[] Fc(bool ema)
        {
            var network = SeededBuild.Construct(() => new TinyNet(), seed: 0);
            TorchCheckpoint.LoadInto(network, FixturePath("checkpoint_ema.pt"), ema);
            using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(NoResize), new ModelIdentity("tiny", "h", "test"));
            return model.Extract([FixtureImage()], ["fc"])["fc"].Data;
        }
        var (expected, _) = NpyFile.ReadFloat64(FixturePath("fc.npy"));

        Assert.True(TorchSharpTestImages.MaxAbsDifference(Fc(ema: true), expected.Select(v => (float)v).ToArray()) <= 1e-5);
        Assert.True(TorchSharpTestImages.MaxAbsDifference(Fc(ema: false), expected.Select(v => (float)v).ToArray()) > 1e-3,
            "without ema the halved 'model' weights must be loaded");
        var error = Assert.Throws<InvalidDataException>(() =>
            TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), FixturePath("checkpoint.pt"), ema: true));
        Assert.Contains("no EMA state_dict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_the_network_is_refused_with_the_offending_keys()
    {
        var network = SeededBuild.Construct(() => new TinyNet(classes: 7), seed: 0);
        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(network, FixturePath("checkpoint.pt")));
        Assert.Contains("fc.weight [5,4] vs [7,4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_torch_zip_checkpoint_is_refused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]); // a legacy (non-zip) pickle
            Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), path));
        }
        finally { File.Delete(path); }
    }

    /// <summary>A copy of checkpoint.pt whose data.pkl is rewritten by <paramref name="edit"/>.</summary>
    static string EditedCheckpoint(string dir, Func<byte[], byte[]> edit)
    {
        string path = Path.Combine(dir, "edited.pt");
        File.Copy(FixturePath("checkpoint.pt"), path);
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        string name = entry.FullName;
        byte[] data;
        using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); data = m.ToArray(); }
        entry.Delete();
        using (var s = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open()) s.Write(edit(data));
        return path;
    }

    static byte[] Replace(byte[] data, string from, string to)
    {
        string text = System.Text.Encoding.Latin1.GetString(data);
        Assert.Contains(from, text);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to));
    }

    [Fact]
    public void A_checkpoint_holding_a_foreign_global_is_refused_before_unpickling()
    {
        using var dir = new BBScore.Tests.Support.TempDir();
        string path = EditedCheckpoint(dir.Path, d => Replace(d, "collections\nOrderedDict\n", "posix\nsystem\n"));
        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), path));
        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains("'posix.system'", error.Message);
        Assert.Contains("torch.save(model.state_dict(), path)", error.Message);
    }

    [Fact]
    public void A_checkpoint_with_a_truncated_pickle_is_refused_naming_the_file()
    {
        using var dir = new BBScore.Tests.Support.TempDir();
        string path = EditedCheckpoint(dir.Path, d => d[..(d.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), path));
        Assert.StartsWith(path + ":", error.Message);
    }

    [Fact]
    public void A_tensor_larger_than_its_storage_is_refused_naming_the_file()
    {
        // _rebuild_tensor_v2(storage, offset, size, stride): a size of 4 becomes 40000, far past the storage's 108 values.
        using var dir = new BBScore.Tests.Support.TempDir();
        string path = EditedCheckpoint(dir.Path, d =>
        {
            // BINPERSID, offset 0, MARK, first size BININT1 4 (conv1.weight is 4×3×3×3) → BININT2 40000.
            byte[] pattern = [(byte)'Q', (byte)'K', 0, (byte)'(', (byte)'K', 4];
            int i = d.AsSpan().IndexOf(pattern);
            Assert.True(i > 0);
            return [.. d[..(i + 4)], (byte)'M', 0x40, 0x9c, .. d[(i + 6)..]];
        });
        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(SeededBuild.Construct(() => new TinyNet(), seed: 0), path));
        Assert.StartsWith(path, error.Message);
    }

    [Theory]
    [InlineData("module.layer1.0.conv1.weight", "layer1.0.conv1.weight")]
    [InlineData("_orig_mod.module.fc.bias", "fc.bias")]
    [InlineData("fc.bias", "fc.bias")]
    public void DataParallel_and_compile_prefixes_are_removed(string key, string expected) =>
        Assert.Equal(expected, TorchCheckpoint.StripPrefixes(key));
}
