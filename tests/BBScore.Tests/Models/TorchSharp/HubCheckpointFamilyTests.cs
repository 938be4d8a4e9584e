using System.Text;
using BBScore.Data.Download;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The ViT keys from their published Hugging Face weights: a bare ViTModel checkpoint (keys without
/// <c>vit.</c>, a pooler), as google/vit-huge-patch14-224-in21k publishes it, served by a loopback hub, opens under
/// the original's module paths and gives the features of the network whose state dict was written, for the name
/// as the original's eval script types it (<c>_orig_mod.vit.encoder.layer.N</c>) too.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubCheckpointFamilyTests
{
    const string Config = """
        {"architectures": ["ViTModel"], "model_type": "vit", "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4,
         "intermediate_size": 32, "patch_size": 16, "image_size": 32, "qkv_bias": true, "layer_norm_eps": 1e-12}
        """;

    const string Preprocessor = """
        {"image_processor_type": "ViTImageProcessor", "do_resize": true, "size": {"height": 32, "width": 32}, "resample": 2,
         "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}
        """;

    /// <summary>The layouts a repository publishes its weights in, each served alone: one safetensors file, shards
    /// named by <c>model.safetensors.index.json</c>, or the PyTorch pickle <c>pytorch_model.bin</c> (older repositories).</summary>
    public enum Layout { Safetensors, ShardedSafetensors, TorchPickle }

    [Theory]
    [InlineData(Layout.Safetensors)]
    [InlineData(Layout.ShardedSafetensors)]
    [InlineData(Layout.TorchPickle)]
    public void Vit_huge_opens_from_a_bare_ViTModel_checkpoint_under_the_original_s_module_paths(Layout layout)
    {
        TorchRuntime.EnsureLoaded();
        using var reference = SeededBuild.Construct(() => new VisionTransformer(HfVitConfig.Parse(Config, "tiny vit")), seed: 0);
        reference.eval();
        var random = new Random(5);
        var tensors = reference.state_dict()
            .Select(p => (Name: p.Key["vit.".Length..], Shape: p.Value.shape,
                          Values: Enumerable.Range(0, (int)p.Value.numel()).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()))
            .ToList();
        using (no_grad())
            foreach (var (name, shape, values) in tensors) reference.state_dict()["vit." + name].copy_(tensor(values, shape));
        tensors.Add(("pooler.dense.weight", [16, 16], new float[256]));
        tensors.Add(("pooler.dense.bias", [16], new float[16]));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["config.json"] = Encoding.UTF8.GetBytes(Config),
            ["preprocessor_config.json"] = Encoding.UTF8.GetBytes(Preprocessor),
        };
        foreach (var (name, bytes) in Weights(layout, tensors)) files[name] = bytes;
        using var hub = new HubMirror("google/vit-huge-patch14-224-in21k", files);
        using var endpoint = new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, hub.BaseUrl), (HuggingFaceSource.TokenVariable, null));
        using var dir = new TempDir();

        using var model = ModelCatalog.Open("vit_huge", new ModelOpenOptions(), Path.Combine(dir.Path, "models"));
        var pixels = new byte[40 * 48 * 3];
        random.NextBytes(pixels);
        var image = new ImageStimulus(new RgbImage(48, 40, pixels));
        var features = model.Extract([image], ["vit.encoder.layer.1", "_orig_mod.vit.encoder.layer.1"]);

        Assert.Equal(new[] { 1, 5, 16 }, features["vit.encoder.layer.1"].Shape); // class token + 2×2 patches
        Assert.Equal(features["vit.encoder.layer.1"].Data, features["_orig_mod.vit.encoder.layer.1"].Data);
        var input = TorchImageInput.From([image], new NormalizingImagePreprocessor(HuggingFacePreprocessorConfig.Parse(System.Text.Json.JsonDocument.Parse(Preprocessor).RootElement)));
        using (no_grad())
        {
            var modules = reference.named_modules().ToDictionary(m => m.name, m => m.module);
            float[]? expected = null;
            var hook = ((nn.Module<Tensor, Tensor>)modules["vit.encoder.layer.1"]).register_forward_hook((_, _, output) =>
            {
                expected = output.data<float>().ToArray();
                return output;
            });
            reference.call(input.ToTensor()).Dispose();
            hook.remove();
            Assert.Equal(expected!, features["vit.encoder.layer.1"].Data);
        }
        Assert.Contains("ready (downloaded)", ModelCatalog.List(Path.Combine(dir.Path, "models")).Single(r => r.Key == "vit_huge").Status);
    }

    /// <summary>The repository files of <paramref name="layout"/> holding <paramref name="tensors"/>.</summary>
    static IEnumerable<(string Name, byte[] Bytes)> Weights(Layout layout, List<(string Name, long[] Shape, float[] Values)> tensors)
    {
        switch (layout)
        {
            case Layout.Safetensors:
                yield return ("model.safetensors", SafetensorsWriter.Float32(tensors));
                break;
            case Layout.ShardedSafetensors:
                // Two shards, as save_pretrained splits a model past its shard size; the index maps every tensor to its shard.
                var halves = new[] { tensors.Take(tensors.Count / 2).ToList(), tensors.Skip(tensors.Count / 2).ToList() };
                var map = new System.Text.Json.Nodes.JsonObject();
                for (int i = 0; i < 2; i++)
                {
                    string shard = $"model-0000{i + 1}-of-00002.safetensors";
                    yield return (shard, SafetensorsWriter.Float32(halves[i]));
                    foreach (var tensor in halves[i]) map[tensor.Name] = shard;
                }
                var index = new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["weight_map"] = map };
                yield return ("model.safetensors.index.json", Encoding.UTF8.GetBytes(index.ToJsonString()));
                break;
            case Layout.TorchPickle:
                var state = tensors.ToDictionary(t => t.Name, t => tensor(t.Values, t.Shape));
                using (var stream = new MemoryStream())
                {
                    global::TorchSharp.PyBridge.PyTorchPickler.PickleStateDict(stream, state);
                    yield return ("pytorch_model.bin", stream.ToArray());
                }
                foreach (var value in state.Values) value.Dispose();
                break;
        }
    }
}
