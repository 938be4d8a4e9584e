using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The ConvNeXt built here is torchvision's: a torchvision state_dict loads by name and gives
/// torch's outputs (tests/fixtures/generate_convnext_fixture.py); the random convnext_large key runs.</summary>
public class ConvNeXtTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_convnext", name);

    [Fact]
    public void A_torchvision_convnext_state_dict_gives_torchs_outputs()
    {
        var network = SeededBuild.Construct(() => new ConvNeXt([4, 8, 16, 32], [1, 1, 2, 1], classes: 7), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("state_dict.pt"));
        var spec = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(spec), new ModelIdentity("tiny-convnext", "", ""));
        var (pixels, shape) = NpyFile.ReadFloat64(FixturePath("image.npy"));
        Assert.Equal([32, 32, 3], shape);
        var image = new RgbImage(32, 32, pixels.Select(v => checked((byte)v)).ToArray());

        string[] layers = ["features.3", "features.5.1", "classifier.1", "classifier.2"];
        var features = model.Extract([image], layers);

        foreach (string layer in layers)
        {
            var (expected, expectedShape) = NpyFile.ReadFloat64(FixturePath(layer + ".npy"));
            Assert.Equal(expectedShape, features[layer].Shape);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, expected.Select(v => (float)v).ToArray());
            Assert.True(diff <= 1e-5, $"{layer}: max |C# − torch| = {diff}");
        }
    }

    [Fact]
    public void Random_convnext_large_runs_with_torchvision_layer_names()
    {
        var card = ModelCards.All.Single(c => c.Key == "Random-convnext_large_imagenet_full_seed-0");
        var spec = TorchSharpModelSpec.For(card)!;
        Assert.Equal(SeededBuild.Init.KaimingNormal, spec.Init);
        using var model = TorchSharpModelFamily.Open(spec, Path.GetTempPath());

        var features = model.Extract([TorchSharpTestImages.Random(300, 200, seed: 3)], ["classifier.1", "features.5.26", "features.7"]);

        Assert.Equal([1, 1536], features["classifier.1"].Shape);
        Assert.Equal([1, 768, 14, 14], features["features.5.26"].Shape);
        Assert.Equal([1, 1536, 7, 7], features["features.7"].Shape);
        Assert.All(features["classifier.1"].Data, v => Assert.True(float.IsFinite(v)));
        Assert.Contains("resize to 256x256", model.Identity.Preprocessing, StringComparison.Ordinal);
        Assert.Contains("bicubic", model.Identity.Preprocessing, StringComparison.Ordinal);
    }
}
