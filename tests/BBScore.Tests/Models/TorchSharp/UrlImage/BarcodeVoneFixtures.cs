using System.Text.Json;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>The references of tests/fixtures/generate_barcode_vone_fixtures.py for alexnet_barcode and
/// voneresnet-50-non_stochastic: the full-size networks' state-dict keys and shapes, and their float64 outputs under the
/// formula weights (<see cref="UrlImageArchitectureTests.SetFormulaWeights"/>) for the generator's 224×224 image.</summary>
internal static class BarcodeVoneFixtures
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "url_image");

    /// <summary>The reference's state-dict keys and shapes ("d0,d1,…") of <paramref name="arch"/>.</summary>
    public static Dictionary<string, string> Keys(string arch)
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "barcode_vone_keys.json")));
        return keys.RootElement.GetProperty(arch).EnumerateArray()
            .ToDictionary(e => e[0].GetString()!, e => string.Join(",", e[1].EnumerateArray().Select(d => d.GetInt64())));
    }

    public static Dictionary<string, string> KeysOf(nn.Module network) =>
        network.state_dict().ToDictionary(e => e.Key, e => string.Join(",", e.Value.shape));

    /// <summary>Runs <paramref name="network"/> (given the formula weights here) on the generator's image, scaled by 1/255
    /// and normalised by <paramref name="mean"/>/<paramref name="std"/> without resizing, and returns for each reference
    /// layer the largest |C# − torch| relative to the layer's largest reference value; the shapes must match.</summary>
    /// <param name="outputsFile">The generator's outputs in <see cref="Folder"/> (this generator's by default; the CORnet
    /// generator's outputs.json has the same layout).</param>
    public static Dictionary<string, double> RelativeErrors(string arch, nn.Module<Tensor, Tensor> network, IReadOnlyList<float> mean, IReadOnlyList<float> std,
                                                            Func<string, IReadOnlyList<string>>? aliases = null, string outputsFile = "barcode_vone_outputs.json")
    {
        using var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, outputsFile)));
        var layers = outputs.RootElement.GetProperty(arch);
        UrlImageArchitectureTests.SetFormulaWeights(network);
        var noResize = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0, mean, std);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(noResize), new ModelIdentity(arch, "h", "test"), aliases);

        var names = layers.EnumerateObject().Select(l => l.Name).ToList();
        var features = model.Extract([new ImageStimulus(UrlImageArchitectureTests.Image())], names);

        var errors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var layer in layers.EnumerateObject())
        {
            int[] shape = layer.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            Assert.Equal(shape, features[layer.Name].Shape);
            int step = layer.Value.GetProperty("step").GetInt32();
            double[] expected = layer.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            float[] data = features[layer.Name].Data;
            double scale = expected.Max(Math.Abs);
            errors[layer.Name] = expected.Select((v, i) => Math.Abs(v - data[i * step])).Max() / scale;
        }
        return errors;
    }
}
