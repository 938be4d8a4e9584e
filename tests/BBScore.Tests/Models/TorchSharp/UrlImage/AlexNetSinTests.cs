using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Tests.Support;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>alexnet_sin: a checkpoint laid out as Geirhos et al.'s (torchvision's AlexNet with DataParallel features,
/// under 'state_dict' beside the optimiser state) loads by name into the DataParallel AlexNet and gives torchvision
/// AlexNet's outputs for the same weights (reference disposed by its feature model); the original's layer names resolve.</summary>
public sealed class AlexNetSinTests
{
    [Fact]
    public void A_DataParallel_features_checkpoint_gives_torchvision_alexnet_s_outputs()
    {
        using var dir = new TempDir();
        var reference = SeededBuild.Build("alexnet", 1000, seed: 3, SeededBuild.Init.Default);
        reference.eval();
        var state = reference.state_dict().ToDictionary(
            e => e.Key.StartsWith("features.", StringComparison.Ordinal) ? "features.module." + e.Key["features.".Length..] : e.Key, e => e.Value);
        string path = Path.Combine(dir.Path, "alexnet_train_60_epochs_lr0.001-b4aa5238.pth.tar");
        using (var stream = File.Create(path))
            PyTorchPickler.PickleStateDict(stream, state);
        var network = SeededBuild.Construct(() => new DataParallelAlexNet(), seed: 0);
        TorchCheckpoint.LoadInto(network, path);
        var spec = UrlImageModels.For("alexnet_sin")!;
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("alexnet_sin", "", ""));

        var image = TorchSharpTestImages.Random(300, 260, seed: 6);
        var features = model.Extract([image], ["_orig_mod.classifier.4", "features.module.10", "classifier.6"]);

        using var expectedModel = new TorchSharpFeatureModel(reference, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("ref", "", ""));
        var expected = expectedModel.Extract([image], ["classifier.4", "features.10", "classifier.6"]);
        Assert.Equal(expected["classifier.4"].Data, features["_orig_mod.classifier.4"].Data);
        Assert.Equal(expected["features.10"].Data, features["features.module.10"].Data);
        Assert.Equal(expected["classifier.6"].Data, features["classifier.6"].Data);
        Assert.Equal((SourceKind.UrlCheckpoint, spec.Url), (ModelCards.Find("alexnet_sin")!.Source.Kind, ModelCards.Find("alexnet_sin")!.Source.Origin));
    }
}
