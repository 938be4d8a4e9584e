using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The DeiT III built here is timm's: a checkpoint holding raw and EMA weights (as the original's scaling
/// checkpoints do) loads its EMA state dict by name and gives an independent numpy forward's outputs at every module
/// path (tests/fixtures/generate_deit3_fixture.py); the six deit scaling keys build timm's real sizes.</summary>
public class DeiT3Tests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "deit3", name);

    [Fact]
    public void A_timm_deit3_EMA_state_dict_gives_the_numpy_forward_s_outputs()
    {
        var network = SeededBuild.Construct(() => new DeiT3(24, 2, 3, classes: 5, patch: 4, imageSize: 16), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("checkpoint.pt"), ema: true);
        Assert.Equal(9, ImageFixtureParity.AssertMatches(network, Path.GetDirectoryName(FixturePath("image.npy"))!, "numpy"));
    }

    [Fact]
    public void The_deit_scaling_keys_build_timm_s_deit3_with_EMA_weights_and_bicubic_resizing()
    {
        string[] keys = ["deit_small_imagenet_full_seed-0", "deit_base_imagenet_full_seed-0", "deit_large_imagenet_full_seed-0",
            "deit_small_imagenet_1_seed-0", "deit_small_imagenet_10_seed-0", "deit_small_imagenet_100_seed-0"];
        foreach (string key in keys)
        {
            var card = ModelCards.Find(key)!;
            var spec = TorchSharpModelSpec.For(card)!;
            Assert.True(spec.Ema, key);
            Assert.Equal("deit3_" + key.Split('_')[1], spec.Architecture);
            Assert.Contains("bicubic", spec.Preprocessing.Origin, StringComparison.Ordinal);
            Assert.Equal("s3 checkpoint (download on first use)", card.Status(Path.GetTempPath()));
        }
        // timm's deit3_small_patch16_224: 22,059,496 parameters (patch embedding, 196 patch positions, class token,
        // 12 blocks of 1,775,232 with both layer scales, final norm, 1000-class head).
        using var small = SeededBuild.Build("deit3_small", 1000, seed: 0, SeededBuild.Init.Default);
        var state = small.state_dict();
        Assert.Equal(22_059_496L, state.Values.Sum(t => t.numel()));
        Assert.Equal(new long[] { 1, 196, 384 }, state["pos_embed"].shape);
        Assert.Equal(new long[] { 384 }, state["blocks.11.ls2.gamma"].shape);
    }
}
