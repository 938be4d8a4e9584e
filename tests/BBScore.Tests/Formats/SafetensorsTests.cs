using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Formats.Safetensors;
using BBScore.Models.TorchSharpModels;
using BBScore.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Formats;

/// <summary>safetensors files written by tests/fixtures/generate_safetensors_fixtures.py (numpy, the format's
/// layout by hand): values read equal the generator's; damaged and hostile files are refused with an
/// <see cref="InvalidDataException"/> naming the file; strict loading into a TorchSharp module.</summary>
public class SafetensorsTests
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors");

    static string FixturePath(string name) => Path.Combine(Folder, name);

    static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(FixturePath(name))).RootElement;

    static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    // ---- values -------------------------------------------------------------------------------------------

    [Fact]
    public void Every_dtype_reads_as_the_generator_wrote_it()
    {
        var expected = Json("values.json");
        using var file = SafetensorsFile.Open(FixturePath("values.safetensors"));

        var tensors = expected.GetProperty("tensors");
        Assert.Equal(tensors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), file.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var entry in tensors.EnumerateObject())
        {
            var info = file.Info(entry.Name);
            Assert.Equal(entry.Value.GetProperty("dtype").GetString(), info.DType.ToString());
            Assert.Equal(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), info.Shape);
            Assert.Equal(Floats(entry.Value.GetProperty("values")), file.ReadFloat32(entry.Name));
        }
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(expected.GetProperty("__metadata__").EnumerateObject().Count(), file.Metadata.Count);
        // The buffer order, not the header's (which is alphabetical).
        Assert.Equal(new[] { "f64", "f32", "f16", "bf16" }, file.Tensors.Take(4).Select(t => t.Name));
    }

    [Fact]
    public void Tensors_keep_the_files_dtype_unless_another_is_asked_for()
    {
        using var file = SafetensorsFile.Open(FixturePath("values.safetensors"));
        using (var half = file.ReadTensor("f16")) Assert.Equal(ScalarType.Float16, half.dtype);
        using (var bf16 = file.ReadTensor("bf16")) Assert.Equal(ScalarType.BFloat16, bf16.dtype);
        using (var mask = file.ReadTensor("mask")) Assert.Equal(new[] { true, false, false, true }, mask.data<bool>().ToArray());
        using (var longs = file.ReadTensor("i64"))
        {
            Assert.Equal(ScalarType.Int64, longs.dtype);
            Assert.Equal(new[] { -(1L << 62), 0, (1L << 53) + 1 }, longs.data<long>().ToArray()); // exact, beyond float64's integers
        }
        using (var scalar = file.ReadTensor("scalar"))
        {
            Assert.Empty(scalar.shape);
            Assert.Equal(2.5f, scalar.item<float>());
        }
        using (var empty = file.ReadTensor("empty")) Assert.Equal(new long[] { 0, 3 }, empty.shape);
        using var doubles = file.ReadTensor("f32", ScalarType.Float64);
        Assert.Equal(file.ReadFloat32("f32").Select(v => (double)v), doubles.data<double>().ToArray());
    }

    [Fact]
    public void A_target_that_is_not_contiguous_or_of_another_dtype_is_filled_through_copy()
    {
        using var file = SafetensorsFile.Open(FixturePath("values.safetensors"));
        float[] expected = file.ReadFloat32("bf16");
        using var storage = zeros(2, 2, dtype: ScalarType.Float64);
        using var transposed = storage.t(); // [2, 2], not contiguous
        file.CopyInto("bf16", transposed);
        Assert.Equal(expected.Select(v => (double)v), transposed.contiguous().data<double>().ToArray());
        Assert.Throws<ArgumentException>(() => file.CopyInto("f32", zeros(3, 2)));
        Assert.Throws<KeyNotFoundException>(() => file.Info("no such tensor"));
    }

    [Fact]
    public void Tensors_larger_than_one_copy_chunk_are_copied_whole()
    {
        // 17 million values: more than the 16.8 million float32 of one 64 MiB chunk, for both the raw and the F16 path.
        const int n = 17_000_000;
        string header = $$$"""{"big":{"dtype":"F32","shape":[{{{n}}}],"data_offsets":[0,{{{4L * n}}}]},"half":{"dtype":"F16","shape":[{{{n}}}],"data_offsets":[{{{4L * n}}},{{{6L * n}}}]}}""";
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "big.safetensors");
        using (var stream = new FileStream(path, FileMode.Create))
        {
            stream.Write(Layout(header, 0));
            var singles = new float[n];
            var halves = new Half[n];
            for (int i = 0; i < n; i++) { singles[i] = i % 4099; halves[i] = (Half)(i % 2003); }
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(singles.AsSpan()));
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
        }
        using var file = SafetensorsFile.Open(path);
        float[] big = file.ReadFloat32("big");
        using var half = zeros(n);
        file.CopyInto("half", half);
        float[] converted = half.data<float>().ToArray();
        foreach (int i in new[] { 0, 1, (64 << 20) / 4 - 1, (64 << 20) / 4, (64 << 20) / 4 + 1, n - 1 })
        {
            Assert.Equal(i % 4099, big[i]);
            Assert.Equal(i % 2003, converted[i]);
        }
    }

    // ---- strict loading -------------------------------------------------------------------------------------

    static nn.Module<Tensor, Tensor> LinearNorm(int hidden = 3) =>
        nn.Sequential(("0", nn.Linear(4, hidden)), ("1", nn.LayerNorm(hidden)));

    static void AssertWeights(nn.Module network)
    {
        var expected = Json("sequential.json");
        foreach (var (name, tensor) in network.state_dict())
            Assert.Equal(Floats(expected.GetProperty(name)), tensor.data<float>().ToArray());
    }

    [Fact]
    public void A_state_dict_loads_strictly_and_the_network_computes_what_numpy_does()
    {
        using var network = LinearNorm();
        SafetensorsCheckpoint.LoadInto(network, FixturePath("sequential.safetensors"));
        AssertWeights(network);

        var expected = Json("sequential.json");
        using var x = tensor(Floats(expected.GetProperty("x")), [2, 4]);
        using var y = network.call(x);
        float[] actual = y.data<float>().ToArray();
        float[] reference = Floats(expected.GetProperty("y"));
        for (int i = 0; i < reference.Length; i++) Assert.True(Math.Abs(actual[i] - reference[i]) <= 1e-5, $"y[{i}]: {actual[i]} vs {reference[i]}");
    }

    [Fact]
    public void A_missing_key_is_refused_naming_it()
    {
        using var network = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => nn.Sequential(("0", nn.Linear(4, 3)), ("1", nn.LayerNorm(3)), ("2", nn.Linear(3, 2))), seed: 0);
        string path = FixturePath("sequential.safetensors");
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("missing 2.weight, 2.bias", e.Message);
    }

    [Fact]
    public void An_extra_key_is_refused_naming_it()
    {
        using var network = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => nn.Sequential(("0", nn.Linear(4, 3))), seed: 0);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, FixturePath("sequential.safetensors")));
        Assert.Contains("unexpected 1.weight, 1.bias", e.Message);
    }

    [Fact]
    public void A_wrong_shape_is_refused_naming_the_key_and_both_shapes()
    {
        using var network = LinearNorm(hidden: 5);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, FixturePath("sequential.safetensors")));
        Assert.Contains("0.weight [3,4] vs [5,4]", e.Message);
    }

    static readonly StateDictKeyMap HfMap = new()
    {
        Rewrites = [KeyRewrite.Prefix("vit.proj.", "0."), KeyRewrite.Pattern(@"^vit\.norm\.(weight|bias)$", "1.$1")],
        Ignored = [@"^pooler\."],
    };

    [Fact]
    public void Hugging_Face_names_load_through_the_key_map_and_half_precision_becomes_float32()
    {
        using var network = LinearNorm();
        SafetensorsCheckpoint.LoadInto(network, FixturePath("sequential_hf.safetensors"), HfMap);
        AssertWeights(network);
        Assert.Equal(ScalarType.Float32, network.state_dict()["0.weight"].dtype);
    }

    [Fact]
    public void Without_the_ignore_list_or_the_rewrites_the_hugging_face_file_is_refused()
    {
        string path = FixturePath("sequential_hf.safetensors");
        using var network = LinearNorm();
        var e = Assert.Throws<InvalidDataException>(() =>
            SafetensorsCheckpoint.LoadInto(network, path, new StateDictKeyMap { Rewrites = HfMap.Rewrites }));
        Assert.Contains("unexpected pooler.dense.weight", e.Message);
        e = Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, path));
        Assert.Contains("missing 0.weight, 0.bias, 1.weight, 1.bias", e.Message);
        Assert.Contains("unexpected", e.Message);
    }

    [Fact]
    public void Two_keys_mapped_to_one_name_are_refused()
    {
        var map = new StateDictKeyMap { Rewrites = [KeyRewrite.Pattern(@"^vit\.(proj|norm)\.", "0.")], Ignored = HfMap.Ignored };
        using var network = LinearNorm();
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, FixturePath("sequential_hf.safetensors"), map));
        Assert.Contains("both map to", e.Message);
    }

    [Theory]
    [InlineData("module._orig_mod.vit.proj.weight", "0.weight")]
    [InlineData("vit.norm.bias", "1.bias")]
    [InlineData("head.weight", "head.weight")]
    public void Rewrites_apply_in_order_after_the_wrapper_prefixes_are_removed(string key, string expected) =>
        Assert.Equal(expected, HfMap.Map(key));

    // ---- damaged and hostile files -----------------------------------------------------------------------------

    /// <summary>A file in the format's layout: the length, <paramref name="header"/> as UTF-8, then <paramref name="data"/> bytes.</summary>
    static byte[] Layout(string header, int data, ulong? declaredLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    static InvalidDataException Refused(byte[] bytes)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.StartsWith(path, e.Message);
        Assert.Contains("delete it to fetch it again", e.Message);
        // The same through the loader, which must not get past the header either.
        using var network = LinearNorm();
        Assert.Throws<InvalidDataException>(() => SafetensorsCheckpoint.LoadInto(network, path));
        return e;
    }

    const string One = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    [Fact]
    public void A_well_formed_minimal_file_opens()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "ok.safetensors");
        File.WriteAllBytes(path, Layout(One + "    ", 8));
        using var file = SafetensorsFile.Open(path);
        Assert.Equal(new[] { 0f, 0f }, file.ReadFloat32("a"));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        byte[] whole = File.ReadAllBytes(FixturePath("values.safetensors"));
        Assert.Contains("past the data buffer", Refused(whole[..(whole.Length - 1)]).Message);
        Assert.Contains("past the end of the file", Refused(whole[..200]).Message);
        Assert.Contains("fewer than the 8", Refused(whole[..5]).Message);
        Refused([]);
    }

    [Fact]
    public void Every_truncation_of_a_real_file_is_refused_naming_it()
    {
        byte[] whole = File.ReadAllBytes(FixturePath("values.safetensors"));
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "cut.safetensors");
        for (int length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(path, whole[..length]);
            var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path).Dispose());
            Assert.StartsWith(path, e.Message);
        }
    }

    [Fact]
    public void Changed_header_bytes_are_read_or_refused_never_another_exception()
    {
        byte[] whole = File.ReadAllBytes(FixturePath("values.safetensors"));
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(whole);
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "flipped.safetensors");
        var random = new Random(7);
        for (int trial = 0; trial < 600; trial++)
        {
            byte[] bytes = (byte[])whole.Clone();
            bytes[random.Next(headerEnd)] = (byte)(trial % 3 == 0 ? random.Next(256) : "0123456789,[]{}\"-e"[random.Next(18)]);
            File.WriteAllBytes(path, bytes);
            try
            {
                using var file = SafetensorsFile.Open(path);
                foreach (var tensor in file.Tensors) file.ReadFloat32(tensor.Name);
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith(path, e.Message);
            }
        }
    }

    [Fact]
    public void A_header_length_past_the_end_or_over_the_limit_is_refused()
    {
        Assert.Contains("past the end of the file", Refused(Layout(One, 8, declaredLength: 1000)).Message);
        Assert.Contains("past the end of the file", Refused(Layout(One, 8, declaredLength: ulong.MaxValue)).Message);

        // Over the limit but inside the file: a sparse file of 120 MB costs no disk.
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "huge.safetensors");
        using (var stream = new FileStream(path, FileMode.Create))
        {
            stream.Write(Layout(One, 8, declaredLength: ReadLimits.MaxSafetensorsHeaderBytes + 1UL));
            stream.SetLength(120_000_000);
        }
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path));
        Assert.Contains("over the limit", e.Message);
    }

    [Fact]
    public void Overlapping_offsets_are_refused()
    {
        var e = Refused(Layout("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8));
        Assert.Contains("overlap", e.Message);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void Gaps_and_trailing_bytes_in_the_buffer_are_refused()
    {
        Assert.Contains("belong to no tensor", Refused(Layout("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""", 2)).Message);
        Assert.Contains("belong to no tensor", Refused(Layout(One, 9)).Message);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12 bytes")]
    [InlineData("""{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}}""", "needs 4 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}""", "more elements")]
    [InlineData("""{"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,8]}}""", "more than any file")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "negative")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "not a range")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,16]}}""", "not [begin, end]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}""", "not a 64-bit integer")]
    public void A_wrong_byte_count_or_a_bad_shape_is_refused(string header, string problem) =>
        Assert.Contains(problem, Refused(Layout(header, 8)).Message);

    [Theory]
    [InlineData("F8_E4M3")]
    [InlineData("U16")]
    [InlineData("f32")]
    public void An_unknown_dtype_is_refused_naming_it(string dtype)
    {
        var e = Refused(Layout($$$"""{"a":{"dtype":"{{{dtype}}}","shape":[2],"data_offsets":[0,8]}}""", 8));
        Assert.Contains($"'{dtype}'", e.Message);
        Assert.Contains("BF16", e.Message); // the known types are listed
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", "not well-formed")] // ends inside the root object
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}},""", "not well-formed")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],}}""", "not well-formed")]
    [InlineData("""[1, 2]""", "not an object")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", "lacks data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}""", "twice")]
    [InlineData("""{"__metadata__":{"n":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "not a string")]
    [InlineData("""{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""", "not an object with")]
    [InlineData("""{"a":{"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}""", "not well-formed")]
    public void Malformed_json_is_refused(string header, string problem) =>
        Assert.Contains(problem, Refused(Layout(header, 8)).Message);

    [Fact]
    public void A_header_that_is_not_utf8_is_refused()
    {
        byte[] bytes = Layout("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        bytes[10] = 0xFF; // inside the name "a"
        Assert.Contains("UTF-8", Refused(bytes).Message);
    }

    [Fact]
    public void A_refused_download_is_moved_aside_while_the_mapping_is_released()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "model.safetensors");
        File.WriteAllBytes(path, Layout("""{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}""", 8));
        var e = Assert.Throws<InvalidDataException>(() => DamagedDataFile.Read(path, () => SafetensorsFile.Open(path)));
        Assert.Contains("downloaded again", e.Message);
        Assert.True(File.Exists(path + DamagedDataFile.Suffix));
        Assert.False(File.Exists(path));
    }
}
