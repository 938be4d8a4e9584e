using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>Random-initialisation keys: reproducible per seed, Kaiming where the original re-initialises,
/// torchvision layer names and shapes, clips frame by frame. Run apart from other tests: torch's generator is
/// process-wide, and a network built by another test outside <see cref="SeededBuild"/>'s lock would draw from it.</summary>
[Collection(BBScore.Tests.Support.EnvironmentCollection.Name)]
public class RandomInitModelTests
{
    static ModelCard Card(string key) => ModelCards.All.Single(c => c.Key == key);

    static TorchSharpModelSpec Spec(string key) => TorchSharpModelSpec.For(Card(key)) ?? throw new InvalidOperationException(key);

    [Fact]
    public void Alexnet_untrained_is_reproducible_for_a_seed_and_differs_across_seeds()
    {
        var spec = Spec("alexnet_untrained");
        var image = TorchSharpTestImages.Random(300, 260, seed: 4);
        float[] Features(TorchSharpModelSpec s)
        {
            using var model = TorchSharpModelFamily.Open(s, modelsDir: Path.GetTempPath());
            float[] features = model.Extract([image], ["classifier.4"])["classifier.4"].Data;
            // Eval mode: dropout is off, so a second pass gives the same numbers.
            Assert.Equal(features, model.Extract([image], ["classifier.4"])["classifier.4"].Data);
            return features;
        }

        float[] first = Features(spec), again = Features(spec), otherSeed = Features(spec with { Seed = 1 });

        Assert.Equal(first, again);
        Assert.True(TorchSharpTestImages.MaxAbsDifference(first, otherSeed) > 1e-3, "seed 1 gave the same features as seed 0");
        Assert.Contains(first, v => v != 0f);
    }

    [Fact]
    public void Identity_names_the_seed_and_the_preprocessing()
    {
        var spec = Spec("alexnet_untrained");
        Assert.NotEqual(spec.RandomWeightsHash(), (spec with { Seed = 1 }).RandomWeightsHash());
        using var model = TorchSharpModelFamily.Open(spec, Path.GetTempPath());
        Assert.Equal("alexnet_untrained", model.Identity.Id);
        Assert.Equal(spec.RandomWeightsHash(), model.Identity.WeightsHash);
        Assert.Contains("center crop 224x224", model.Identity.Preprocessing, StringComparison.Ordinal);
        Assert.Contains("shorter side to 256", model.Identity.Preprocessing, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_are_torchvision_module_paths_with_their_output_shapes()
    {
        using var model = TorchSharpModelFamily.Open(Spec("alexnet_untrained"), Path.GetTempPath());
        var layers = model.ListLayers().ToDictionary(l => l.Name);

        Assert.Equal([64, 55, 55], layers["features.0"].Shape!);
        Assert.Equal([256, 6, 6], layers["avgpool"].Shape!);
        Assert.Equal([4096], layers["classifier.4"].Shape!);
        Assert.Equal([1000], layers["classifier.6"].Shape!);
        Assert.Equal("features.4", model.ResolveLayer("_orig_mod.features.4"));
        Assert.Throws<UnknownNameException>(() => model.ResolveLayer("features.99"));
    }

    [Fact]
    public void Clips_run_frame_by_frame_and_come_back_as_batch_by_time()
    {
        using var model = TorchSharpModelFamily.Open(Spec("alexnet_untrained"), Path.GetTempPath());
        var frames = Enumerable.Range(0, 3).Select(i => TorchSharpTestImages.Random(240, 240, seed: 10 + i)).ToList();
        var clips = new Stimulus[] { new VideoStimulus(frames, 10), new VideoStimulus(frames.AsEnumerable().Reverse().ToList(), 10) };

        var clipFeatures = model.Extract(clips, ["classifier.6"])["classifier.6"];
        var stillFeatures = model.Extract([frames[1]], ["classifier.6"])["classifier.6"];

        Assert.Equal([2, 3, 1000], clipFeatures.Shape);
        // Clip 0 frame 1 is the same image as the still; so is clip 1 frame 1 (the middle of the reversed clip).
        Assert.True(TorchSharpTestImages.MaxAbsDifference(clipFeatures.Data[1000..2000], stillFeatures.Data) < 1e-4);
        Assert.True(TorchSharpTestImages.MaxAbsDifference(clipFeatures.Data[4000..5000], stillFeatures.Data) < 1e-4);
        Assert.Throws<NotSupportedException>(() => model.Extract([new TextStimulus("a")], ["classifier.6"]));
    }

    [Fact]
    public void Kaiming_reinitialisation_draws_conv_and_linear_weights_with_fan_in_gain()
    {
        using var network = SeededBuild.Build("resnet18", 1000, seed: 0, SeededBuild.Init.KaimingNormal);
        var weights = network.state_dict();
        // kaiming_normal_ (fan_in, gain √2): std √(2/fan_in). torchvision's own init uses fan_out for convs
        // (√(2/(64·49)) = 0.026 for conv1) and a uniform ±1/√512 for fc (std 0.026).
        AssertStd(weights["conv1.weight"], Math.Sqrt(2.0 / (3 * 49)));
        AssertStd(weights["layer4.1.conv2.weight"], Math.Sqrt(2.0 / (512 * 9)));
        AssertStd(weights["fc.weight"], Math.Sqrt(2.0 / 512));
    }

    [Fact]
    public void Random_VideoMAE_large_is_VideoMAE_large_re_drawn_with_Kaiming_and_takes_16_frame_clips()
    {
        var spec = Spec("Random-VideoMAE-V1-L");
        Assert.Equal(SeededBuild.Init.KaimingNormal, spec.Init);
        Assert.Equal(new TorchClipSpec(16, 6.25, new TokenFold.IntoFrames(16)), spec.Clip);
        Assert.Equal("ready (offline)", BBScore.Models.Catalog.ModelCards.Find("Random-VideoMAE-V1-L")!.Status(Path.GetTempPath()));
        // VideoMAE-large's shapes (a 305 M encoder), its 3-D tubelet convolution re-drawn too: std √(2/fan_in).
        using var network = SeededBuild.Build(spec.Architecture, spec.Classes, spec.Seed, spec.Init);
        var weights = network.state_dict();
        Assert.Equal(new long[] { 1024, 3, 2, 16, 16 }, weights["embeddings.patch_embeddings.projection.weight"].shape);
        Assert.Equal(new long[] { 4096, 1024 }, weights["encoder.layer.23.intermediate.dense.weight"].shape);
        AssertStd(weights["embeddings.patch_embeddings.projection.weight"], Math.Sqrt(2.0 / (3 * 2 * 16 * 16)));
        AssertStd(weights["encoder.layer.0.attention.attention.query.weight"], Math.Sqrt(2.0 / 1024));
    }

    [Fact]
    public void Random_resnext101_runs_with_torchvision_layer_names()
    {
        using var model = TorchSharpModelFamily.Open(Spec("Random-resnext101_32x8d_wsl"), Path.GetTempPath());
        var features = model.Extract([TorchSharpTestImages.Random(256, 256, seed: 8)], ["layer4.2.relu", "avgpool", "fc"]);

        Assert.Equal([1, 2048, 7, 7], features["layer4.2.relu"].Shape);
        Assert.Equal([1, 2048, 1, 1], features["avgpool"].Shape);
        Assert.Equal([1, 1000], features["fc"].Shape);
        Assert.All(features["fc"].Data, v => Assert.True(float.IsFinite(v)));
    }

    static void AssertStd(Tensor weight, double expected)
    {
        double std = weight.std().item<float>();
        Assert.True(Math.Abs(std - expected) < 0.05 * expected, $"std {std}, expected {expected}");
    }

    [Theory]
    [InlineData("alexnet_untrained", "ready (offline)")]
    [InlineData("Random-resnext101_32x8d_wsl", "ready (offline)")]
    [InlineData("Random-convnext_large_imagenet_full_seed-0", "ready (offline)")]
    [InlineData("resnet50_ecoset_full", "s3 checkpoint (download on first use)")]
    [InlineData("resnet50_imagenet_10_seed-0", "s3 checkpoint (download on first use)")]
    [InlineData("convnext_small_imagenet_10_seed-0", "s3 checkpoint (download on first use)")]
    public void Supported_keys_report_their_status(string key, string status)
    {
        var family = new TorchSharpModelFamily();
        Assert.True(family.Supports(Card(key)));
        Assert.Equal(status, family.Status(Card(key), Path.Combine(Path.GetTempPath(), "bbscore-no-models-here")));
    }

    [Theory]
    [InlineData("Random-s3d-HowTo100M")]
    [InlineData("pixel")]
    public void Keys_not_built_here_are_not_claimed(string key) =>
        Assert.False(new TorchSharpModelFamily().Supports(Card(key)));

    [Fact]
    public void Scaling_resnets_take_the_architecture_and_class_count_from_the_key()
    {
        Assert.Equal(("resnet101", 565), (Spec("resnet101_ecoset_full").Architecture, Spec("resnet101_ecoset_full").Classes));
        Assert.Equal(("resnet50", 1000), (Spec("resnet50_imagenet_1_seed-0").Architecture, Spec("resnet50_imagenet_1_seed-0").Classes));
        Assert.Equal("https://epfl-neuroailab-scalinglaws.s3.eu-north-1.amazonaws.com/checkpoints/resnet18_imagenet_full/ep100.pt",
            Spec("resnet18_imagenet_full").Checkpoint);
        Assert.False(Spec("resnet18_imagenet_full").Ema);
        Assert.Equal(PilResampleFilter.Bilinear, Spec("resnet18_imagenet_full").Preprocessing.Resample);

        var convnext = Spec("convnext_base_imagenet_full_seed-0");
        Assert.Equal(("convnext_base", 1000, true), (convnext.Architecture, convnext.Classes, convnext.Ema));
        Assert.Equal(PilResampleFilter.Bicubic, convnext.Preprocessing.Resample);
        Assert.EndsWith("/convnext_base_imagenet_full_seed-0/ep300.pt", convnext.Checkpoint, StringComparison.Ordinal);
    }
}
