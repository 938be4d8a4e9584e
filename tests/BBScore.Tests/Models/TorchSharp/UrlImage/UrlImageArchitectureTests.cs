using System.Text.Json;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Cornet;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>The C# CORnets and DINO's headless ResNet-50 against the real networks in torch
/// (tests/fixtures/generate_url_image_fixtures.py): the full-size state-dict keys and shapes, and for the CORnets the
/// hooked outputs at several module paths under the same deterministic weights.</summary>
public class UrlImageArchitectureTests
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "url_image");


    internal static nn.Module<Tensor, Tensor> Build(string arch) => SeededBuild.Construct(UrlImageModels.For(arch)!.Build, seed: 0);

    [Theory]
    [InlineData("cornet_z")]
    [InlineData("cornet_rt")]
    [InlineData("cornet_s")]
    [InlineData("resnet50dino")]
    public void State_dict_keys_and_shapes_are_the_real_networks(string arch)
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "keys.json")));
        var expected = keys.RootElement.GetProperty(arch).EnumerateArray()
            .ToDictionary(e => e[0].GetString()!, e => string.Join(",", e[1].EnumerateArray().Select(d => d.GetInt64())));
        using var network = Build(arch);

        var actual = network.state_dict().ToDictionary(e => e.Key, e => string.Join(",", e.Value.shape));

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
        if (arch == "resnet50dino") Assert.DoesNotContain(actual.Keys, k => k.StartsWith("fc.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cornet_z")]
    [InlineData("cornet_rt")]
    [InlineData("cornet_s")]
    public void Hooked_outputs_equal_the_real_networks_under_the_same_weights(string arch)
    {
        var errors = BarcodeVoneFixtures.RelativeErrors(arch, Build(arch), ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd,
            outputsFile: "outputs.json");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Value <= Tolerance(arch), $"{arch} {e.Key}: max |C# − torch| = {e.Value:E2} of the layer's largest value"));
    }

    /// <summary>Relative to the layer's largest value, against torch's float64 outputs (the C# network runs in float32). 1e-4,
    /// but 1e-3 for CORnet-RT: its GroupNorms over five recurrent steps amplify float32 rounding, so that torch's own
    /// float32 run differs from its float64 run by 3e-4 of the largest value at V1 and V2.</summary>
    static double Tolerance(string arch) => arch == "cornet_rt" ? 1e-3 : 1e-4;

    /// <summary>The generator's image: (7h + 13w + 29c) mod 256.</summary>
    internal static RgbImage Image()
    {
        var pixels = new byte[224 * 224 * 3];
        for (int h = 0; h < 224; h++)
            for (int w = 0; w < 224; w++)
                for (int c = 0; c < 3; c++)
                    pixels[(h * 224 + w) * 3 + c] = (byte)((h * 7 + w * 13 + c * 29) % 256);
        return new RgbImage(224, 224, pixels);
    }

    /// <summary>The generator's formula_weights: every value from its tensor's name and its element index, computed in
    /// float64 by torch's vectorised sin (as numpy's, to the last float64 bit or so) and rounded to float32: a per-element
    /// loop takes minutes over the barcode AlexNet's 46 M weights.</summary>
    internal static void SetFormulaWeights(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in network.state_dict())
        {
            using var scope = NewDisposeScope();
            int k = name.Sum(c => (int)c) % 101;
            long n = tensor.numel();
            var j = arange(n, dtype: ScalarType.Float64);
            var values = name.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? zeros_like(j)
                : name.EndsWith("running_var", StringComparison.Ordinal) ? 1 + 0.25 * (1 + (0.7 * j + k).sin())
                : name.EndsWith("running_mean", StringComparison.Ordinal) ? 0.1 * (0.3 * j + k).sin()
                : tensor.dim() == 1 && name.EndsWith("weight", StringComparison.Ordinal) ? 1 + 0.1 * (0.5 * j + k).sin()
                : tensor.dim() == 1 ? 0.05 * (0.9 * j + k).sin()
                : (0.37 * j + 1.3 * k).sin() * 2.0 / Math.Sqrt((double)n / tensor.shape[0]);
            tensor.copy_(values.to(ScalarType.Float32).reshape(tensor.shape).to(tensor.dtype));
        }
    }
}
