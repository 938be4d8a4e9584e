using System.Collections;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.VOneNet;
using BBScore.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>voneresnet-50-non_stochastic: the C# VOneResNet-50 against VOneNet's (VOneBlock without noise, bottleneck,
/// ResNetBackEnd (ResNetSubset.BackEnd), rebuilt in torch by tests/fixtures/generate_barcode_vone_fixtures.py): full-size keys and shapes (the
/// Gabor banks among them), outputs at the original's module paths under the same weights, the training flags read from
/// files laid out as VOneNet saves them, and a checkpoint whose flags differ from the defaults building their network.</summary>
public sealed class VOneResNetTests(ITestOutputHelper output)
{
    const string Key = "voneresnet-50-non_stochastic";
    static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    [Fact]
    public void State_dict_keys_and_shapes_are_vonenets_with_the_gabor_banks_stored()
    {
        using var network = SeededBuild.Construct(UrlImageModels.For(Key)!.Build, seed: 0);
        var actual = BarcodeVoneFixtures.KeysOf(network);

        Assert.Equal(BarcodeVoneFixtures.Keys(Key).OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal("512,3,25,25", actual["vone_block.simple_conv_q1.weight"]);
        Assert.DoesNotContain(actual.Keys, k => k.StartsWith("model.conv1", StringComparison.Ordinal)); // no ResNet stem
        Assert.Equal(27_500_264L, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Outputs_equal_vonenets_under_the_same_weights()
    {
        var network = SeededBuild.Construct(() => new VOneResNet50(), seed: 0);
        var errors = BarcodeVoneFixtures.RelativeErrors(Key, network, Half, Half, VOneResNet50.Aliases);

        foreach (var (layer, error) in errors) output.WriteLine($"{layer}: {error:E2}");
        Assert.All(errors, e => Assert.True(e.Value <= 1e-4, $"{e.Key}: max |C# − torch| = {e.Value:E2} of the layer's largest value"));
    }

    [Theory]
    [InlineData("vone_layout.pth.tar")]
    [InlineData("vone_layout_legacy.pth.tar")]
    public void A_checkpoint_saved_as_vonenets_training_script_gives_its_flags_and_prefixed_weights(string file)
    {
        string path = Path.Combine(BarcodeVoneFixtures.Folder, file);
        var root = TorchCheckpoint.ReadRoot(path);

        Assert.Equal(VOneConfig.Default, VOneFlags.Read(root, path));
        var keys = TorchCheckpoint.StateDictIn(root, path).Keys.Cast<string>().Select(StateDictKeyMap.Identity.Map).Order(StringComparer.Ordinal);
        Assert.Equal(["conv.bias", "conv.weight", "norm.bias", "norm.num_batches_tracked", "norm.running_mean", "norm.running_var", "norm.weight"], keys);
    }

    [Theory]
    [InlineData("noise_mode", "neuronal", "stochastic")]
    [InlineData("arch", "alexnet", "back end")]
    public void A_stochastic_or_other_back_end_checkpoint_is_refused(string flag, string value, string message)
    {
        var flags = Flags(VOneConfig.Default);
        flags[flag] = value;

        var error = Assert.Throws<NotSupportedException>(() => VOneFlags.Read(new Hashtable { ["flags"] = flags }, "x.pth.tar"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_loads_a_legacy_dataparallel_checkpoint_into_the_network_its_flags_describe()
    {
        var config = new VOneConfig(128, 384, 10.0, 4, 25);
        using var saved = SeededBuild.Construct(() => new VOneResNet50(config), seed: 1);
        UrlImageArchitectureTests.SetFormulaWeights(saved);
        var extra = new Dictionary<string, object?> { ["flags"] = Flags(config).Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value), ["epoch"] = 70L };
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "voneresnet50_ns_e70.pth.tar");
        File.WriteAllBytes(path, LegacyTorchWriter.StateDict(saved.state_dict(), extra));
        var spec = UrlImageModels.For(Key)!;

        using var loaded = new TorchSharpFeatureModel(spec.BuildAndLoad(path), new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity(Key, "", ""), spec.Aliases);
        var images = new BBScore.Stimuli.Stimulus[] { new BBScore.Stimuli.ImageStimulus(TorchSharpTestImages.Random(300, 260, seed: 5)) };
        string[] layers = ["vone_block", "_orig_mod.model.layer2.1", "model.avgpool"];
        var actual = loaded.Extract(images, layers);
        var reference = SeededBuild.Construct(() => new VOneResNet50(config), seed: 2);
        UrlImageArchitectureTests.SetFormulaWeights(reference);
        using var expectedModel = new TorchSharpFeatureModel(reference, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("ref", "", ""), spec.Aliases);
        var expected = expectedModel.Extract(images, layers);

        foreach (string layer in layers) Assert.Equal(expected[layer].Data, actual[layer].Data);
        Assert.Equal([1, 512, 56, 56], actual["vone_block"].Shape);
        Assert.Equal((SourceKind.UrlCheckpoint, spec.Url), (ModelCards.Find(Key)!.Source.Kind, ModelCards.Find(Key)!.Source.Origin));
    }

    /// <summary>The flags VOneNet's training script saves, for <paramref name="config"/> without noise.</summary>
    static Hashtable Flags(VOneConfig config) => new()
    {
        ["arch"] = "resnet50", ["stride"] = (long)config.Stride, ["ksize"] = (long)config.KernelSize,
        ["simple_channels"] = (long)config.SimpleChannels, ["complex_channels"] = (long)config.ComplexChannels,
        ["k_exc"] = config.KExc, ["noise_mode"] = null, ["noise_scale"] = 1.0, ["noise_level"] = 1.0, ["gabor_seed"] = 0L,
    };
}
