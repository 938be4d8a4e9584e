using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>ViT-MAE, I-JEPA, DINOv2 (MLP and SwiGLU, with the position grid resized to a smaller and a non-square
/// input) and BLIP's vision tower, each built from a tiny Hugging Face config.json, against an independent numpy
/// forward of the published architecture with random weights (tests/fixtures/generate_vit_variants_fixture.py): the
/// state dict's keys and shapes are the checkpoint's, and the outputs at the fixture's module paths match to 1e-4
/// relative.</summary>
public class VitVariantsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new() { "vit_mae", "ijepa", "dinov2", "dinov2_swiglu", "blip" };

    /// <summary>The network for a fixture's config.json, built as the hub family for its model_type builds it.</summary>
    static nn.Module<Tensor, Tensor> Build(string name)
    {
        string path = Path.Combine(HfFixtureParity.Dir, $"{name}_config.json");
        string json = File.ReadAllText(path);
        // Under SeededBuild's lock: construction draws from torch's process-wide generator (see SeededBuild).
        return SeededBuild.Construct<nn.Module<Tensor, Tensor>>(() =>
            name == "blip" ? new BlipVisionModel(HfBlipConfig.Parse(json, path)) : new VisionTransformer(HfVitConfig.Parse(json, path)), seed: 0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Outputs_at_module_paths_match_the_numpy_forward(string name)
    {
        TorchRuntime.EnsureLoaded();
        using var net = Build(name);
        double worst = HfFixtureParity.Check(net, name);
        output.WriteLine($"{name}: largest error {worst:E2} of the output's largest magnitude");
        Assert.InRange(worst, 0, 1e-5); // float32 against float64: observed below 1e-6
    }

    [Fact]
    public void Configs_set_what_each_architecture_needs()
    {
        VitConfig Parse(string name) => HfVitConfig.Parse(File.ReadAllText(Path.Combine(HfFixtureParity.Dir, $"{name}_config.json")), name);
        var mae = Parse("vit_mae");
        Assert.Equal(("vit", true, 0), (mae.Prefix, mae.ClassToken, mae.Classes));
        var ijepa = Parse("ijepa");
        Assert.Equal(("", false, 1e-6, 9), (ijepa.Prefix, ijepa.ClassToken, ijepa.LayerNormEps, ijepa.Tokens));
        var dinov2 = Parse("dinov2");
        Assert.Equal((VitBlock.Dinov2, 64, true), (dinov2.Block, dinov2.Mlp, dinov2.InterpolatePositions));
        var swiGlu = Parse("dinov2_swiglu");
        Assert.Equal((VitBlock.Dinov2SwiGlu, 64), (swiGlu.Block, swiGlu.Mlp)); // int(24·4) = 96 → (int(96·2/3) + 7) // 8 · 8
        Assert.Equal(4096, Dinov2SwiGluFfn.Width(1536, 4)); // dinov2-giant
    }

    [Fact]
    public void Unbuilt_options_are_refused_by_name()
    {
        string blip = File.ReadAllText(Path.Combine(HfFixtureParity.Dir, "blip_config.json"));
        var act = Assert.Throws<NotSupportedException>(() => HfBlipConfig.Parse(blip.Replace("\"gelu\"", "\"quick_gelu\""), "x/config.json"));
        Assert.Contains("vision_config.hidden_act 'quick_gelu'", act.Message);
        var type = Assert.Throws<NotSupportedException>(() => HfBlipConfig.Parse("""{"model_type": "blip-2"}""", "x/config.json"));
        Assert.Contains("model_type 'blip-2'", type.Message);
        var size = Assert.Throws<InvalidDataException>(() => HfBlipConfig.Parse(blip.Replace("\"image_size\": 16", "\"image_size\": 18"), "x/config.json"));
        Assert.Contains("patch size", size.Message);
        var other = Assert.Throws<NotSupportedException>(() => HfVitConfig.Parse("""{"model_type": "dinov2_with_registers"}""", "x/config.json"));
        Assert.Contains("'dinov2_with_registers'", other.Message);
    }

    [Fact]
    public void Inputs_of_another_size_are_refused_where_the_original_does_not_interpolate()
    {
        TorchRuntime.EnsureLoaded();
        using var ijepa = Build("ijepa");
        using var blip = Build("blip");
        using (no_grad())
        {
            Assert.Contains("feed the image size", Assert.Throws<ArgumentException>(() => ijepa.call(zeros(1, 3, 16, 16))).Message);
            Assert.Contains("384", Assert.Throws<ArgumentException>(() => blip.call(zeros(1, 3, 12, 12))).Message);
        }
    }
}
