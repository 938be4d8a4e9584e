using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The EfficientNet built here is torchvision's: a narrow torchvision EfficientNet's state dict loads by name
/// and gives torch's outputs at every hooked module (tests/fixtures/generate_efficientnet_fixture.py), the real B0–B2
/// have torchvision's state-dict keys and shapes, and the three scaling keys use them with the original's sizes.</summary>
public class EfficientNetTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_efficientnet", name);

    [Fact]
    public void A_torchvision_efficientnet_state_dict_gives_torchs_outputs()
    {
        var network = SeededBuild.Construct(() => new EfficientNet(0.25, 0.5, 0.2, classes: 7), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("state_dict.pt"));
        Assert.Equal(8, ImageFixtureParity.AssertMatches(network, Path.GetDirectoryName(FixturePath("image.npy"))!, "torch"));
    }

    [Theory]
    [InlineData("efficientnet_b0")]
    [InlineData("efficientnet_b1")]
    [InlineData("efficientnet_b2")]
    public void The_real_networks_have_torchvision_s_state_dict_keys_and_shapes(string architecture)
    {
        using var network = SeededBuild.Build(architecture, 1000, seed: 0, SeededBuild.Init.Default);
        StateDictKeyList.AssertEqual(FixturePath("real_keys.json"), architecture, network);
    }

    [Theory]
    [InlineData("efficientnet_b0_imagenet_full", "efficientnet_b0", 256, 224)]
    [InlineData("efficientnet_b1_imagenet_full", "efficientnet_b1", 255, 240)]
    [InlineData("efficientnet_b2_imagenet_full", "efficientnet_b2", 288, 288)]
    public void The_scaling_keys_load_their_S3_checkpoints_at_the_original_s_sizes(string key, string architecture, int resize, int crop)
    {
        var card = ModelCards.Find(key)!;
        var spec = TorchSharpModelSpec.For(card)!;
        Assert.Equal(architecture, spec.Architecture);
        Assert.False(spec.Ema);
        Assert.Equal(new ResizeToSize(resize, resize), spec.Preprocessing.Resize);
        Assert.Equal((crop, crop), spec.Preprocessing.CenterCropSize);
        Assert.Equal("s3 checkpoint (download on first use)", card.Status(Path.GetTempPath()));
    }
}
