using System.Text;
using BBScore.Data.Download;
using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vjepa2;
using BBScore.Numerics;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>V-JEPA 2's encoder against an independent numpy forward of the published architecture on a tiny
/// random-weight config (tests/fixtures/generate_vjepa2_fixture.py: 3-D rotary attention with a head width that leaves
/// unrotated channels, five frames so one is dropped by the tubelet stride), the real configs' sizes, and the 23 keys
/// opened from a loopback hub serving a checkpoint in the published layouts.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class Vjepa2Tests
{
    static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vjepa2");

    static Vjepa2Config TinyConfig() => Vjepa2Config.Parse(File.ReadAllText(Path.Combine(Dir, "tiny_config.json")), "tiny_config.json");

    static List<(string Name, long[] Shape, float[] Values)> TinyWeights() =>
        NpzFile.Read(Path.Combine(Dir, "tiny_weights.npz"))
            .Select(e => (e.Key, e.Value.Shape.Select(d => (long)d).ToArray(), e.Value.As<float>())).ToList();

    [Fact]
    public void Outputs_at_every_module_path_match_the_numpy_forward()
    {
        TorchRuntime.EnsureLoaded();
        using var net = SeededBuild.Construct(() => new Vjepa2Model(TinyConfig()), seed: 0);
        net.eval();
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "model.safetensors");
        File.WriteAllBytes(path, SafetensorsWriter.Float32(TinyWeights()));
        // Strict: every encoder tensor used, the predictor's ignored by name.
        SafetensorsCheckpoint.LoadInto(net, path, Vjepa2HubArchitectures.Vjepa2.Keys);

        Assert.Equal(6, NpzFile.Read(Path.Combine(Dir, "tiny_outputs.npz")).Count);
        HfFixtureParity.CompareOutputs(net, Path.Combine(Dir, "tiny_input.npy"), Path.Combine(Dir, "tiny_outputs.npz"), "V-JEPA 2");
    }

    [Fact]
    public void The_published_configs_give_the_published_sizes()
    {
        // facebook/vjepa2-vitl-fpc64-256's config.json (sizes as published; the rest are VJEPA2Config's defaults).
        var large = Vjepa2Config.Parse("""{"model_type": "vjepa2", "hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16, "mlp_ratio": 4.0}""", "vitl");
        TorchRuntime.EnsureLoaded();
        using var net = SeededBuild.Construct(() => new Vjepa2Model(large), seed: 0);
        var state = net.state_dict();
        // Tubelet embedding 1,573,888 + 24 blocks of 12,596,224 (two LayerNorms, q/k/v/proj with biases, MLP
        // 1024→4096→1024) + the final LayerNorm: V-JEPA 2 ViT-L's 300 M encoder.
        Assert.Equal(1_573_888L + 24L * 12_596_224 + 2_048, state.Values.Sum(t => t.numel()));
        Assert.Equal(new long[] { 1024, 3, 2, 16, 16 }, state["encoder.embeddings.patch_embeddings.proj.weight"].shape);
        Assert.Equal(new long[] { 4096, 1024 }, state["encoder.layer.23.mlp.fc1.weight"].shape);
        Assert.Equal(24 * 16 + 2 + 2, state.Count);
        Assert.Equal(20, large.RotarySlice); // head 64: three slices of 20, 4 channels unrotated

        // facebook/vjepa2-vitg-fpc64-256: width 1408, 22 heads, MLP ratio 48/11 as the float Python stores; int() gives 6144.
        var giant = Vjepa2Config.Parse("""{"model_type": "vjepa2", "hidden_size": 1408, "num_hidden_layers": 40, "num_attention_heads": 22, "mlp_ratio": 4.363636363636363}""", "vitg");
        Assert.Equal(6144, giant.Mlp);
        Assert.Equal(256, giant.TokensPerTubelet);
    }

    [Fact]
    public void A_config_of_another_model_type_is_refused_by_name()
    {
        var e = Assert.Throws<NotSupportedException>(() => Vjepa2Config.Parse("""{"model_type": "videomae"}""", "x/config.json"));
        Assert.Contains("model_type 'videomae'", e.Message);
    }

    [Theory]
    [InlineData("vjepa2_tb01", 3)]
    [InlineData("vjepa2_tb18", 37)]
    public void Time_bins_take_three_plus_two_frames_per_bin(string key, int frames) =>
        Assert.Equal(frames, Vjepa2HubArchitectures.TimebinFrames(BBScore.Models.Catalog.ModelCards.Find(key)!));

    /// <summary>A fine-tuned checkpoint (VJEPA2ForVideoClassification: the encoder under <c>vjepa2.</c>, an attentive
    /// pooler and a classifier) for the SSv2 key, and the pre-trained ViT-g (VJEPA2Model, with its predictor) for a time
    /// bin, each served by a loopback hub: the features are the reference network's, regrouped as the original does.</summary>
    [Theory]
    [InlineData("vjepa2_large_16_ssv2", "facebook/vjepa2-vitl-fpc16-256-ssv2")]
    [InlineData("vjepa2_tb02", "facebook/vjepa2-vitg-fpc64-256")]
    public void Keys_open_from_their_published_checkpoints_and_regroup_tokens_as_the_original(string key, string repo)
    {
        TorchRuntime.EnsureLoaded();
        var weights = TinyWeights();
        bool classifier = key.EndsWith("ssv2", StringComparison.Ordinal);
        var served = classifier
            ? weights.Where(w => !w.Name.StartsWith("predictor.", StringComparison.Ordinal)).Select(w => ("vjepa2." + w.Name, w.Item2, w.Item3))
                .Append(("pooler.query_tokens", new long[] { 1, 1, 28 }, new float[28]))
                .Append(("classifier.weight", new long[] { 3, 28 }, new float[84])).ToList()
            : weights;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["model.safetensors"] = SafetensorsWriter.Float32(served),
            ["config.json"] = File.ReadAllBytes(Path.Combine(Dir, "tiny_config.json")),
        };
        using var hub = new HubMirror(repo, files);
        using var endpoint = new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, hub.BaseUrl), (HuggingFaceSource.TokenVariable, null));
        using var dir = new TempDir();
        using var model = BBScore.Models.ModelCatalog.Open(key, new ModelOpenOptions(), Path.Combine(dir.Path, "models"));

        var random = new Random(3);
        RgbImage Frame()
        {
            var pixels = new byte[12 * 10 * 3];
            random.NextBytes(pixels);
            return new RgbImage(12, 10, pixels);
        }
        Stimulus stimulus = classifier ? new VideoStimulus(Enumerable.Range(0, 6).Select(_ => Frame()).ToArray(), 6) : new ImageStimulus(Frame());
        var features = model.Extract([stimulus], ["encoder.layer.1", "_orig_mod.encoder.layernorm"]);

        // The reference: the same weights in a network built here, on the same clip of the key's frame count.
        using var reference = SeededBuild.Construct(() => new Vjepa2Model(TinyConfig()), seed: 0);
        reference.eval();
        string path = Path.Combine(dir.Path, "reference.safetensors");
        File.WriteAllBytes(path, SafetensorsWriter.Float32(weights));
        SafetensorsCheckpoint.LoadInto(reference, path, Vjepa2HubArchitectures.Vjepa2.Keys);
        int frames = classifier ? 4 : 5; // the SSv2 config's frames_per_clip (4 in the tiny config); bin 2: 5 frames
        var preprocessor = new NormalizingImagePreprocessor(new ImagePreprocessSpec("test", new ResizeShortestEdge(9), PilResampleFilter.Bilinear,
            (8, 8), 1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd));
        var input = TorchImageInput.FromClips([stimulus], preprocessor, new TorchClipSpec(frames, null, null));
        float[] expected;
        using (no_grad())
        {
            using var output = reference.call(input.ToTensor());
            expected = output.contiguous().data<float>().ToArray();
        }
        var layernorm = features["_orig_mod.encoder.layernorm"];
        if (classifier)
        {
            // 4 frames → 2 tubelets of 2×2 tokens: (1, 8, 28) grouped by the tubelet's 4 tokens to (1, 2, 112).
            Assert.Equal(new[] { 1, 2, 112 }, layernorm.Shape);
            Assert.Equal(expected, layernorm.Data);
        }
        else
        {
            // 5 frames → 2 tubelets, 8 tokens; the last 4 (the last tubelet's grid) kept: (1, 4, 28).
            Assert.Equal(new[] { 1, 4, 28 }, layernorm.Shape);
            Assert.Equal(expected[(4 * 28)..], layernorm.Data);
        }
        Assert.Equal(layernorm.Shape, features["encoder.layer.1"].Shape);
    }
}
