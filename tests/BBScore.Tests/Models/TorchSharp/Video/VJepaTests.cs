using BBScore.Formats;
using BBScore.Models.Catalog;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>V-JEPA's encoder against an independent numpy forward (tests/fixtures/generate_vjepa_fixture.py) of a tiny
/// random network saved as the published checkpoints are laid out: the 'encoder' entry (not the target encoder) loads
/// through 'module.backbone.' and gives the numpy outputs at every module path; the two keys build jepa's ViT-L and
/// ViT-H at 16 × 224² and take the original's clips.</summary>
public sealed class VJepaTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "vjepa", name);

    [Fact]
    public void The_checkpoint_s_encoder_gives_the_numpy_forward_s_outputs()
    {
        using var network = SeededBuild.Construct(() => new VJepa(24, 2, 3, patch: 4, tubelet: 2, frames: 4, imageSize: 8), seed: 0);
        network.eval();
        TorchCheckpoint.LoadInto(network, FixturePath("checkpoint.pth.tar"), keys: TorchvisionVideoModels.For("vjepa_large")!.Keys);
        Assert.Equal(6, NpzFile.Read(FixturePath("outputs.npz")).Count);
        HfFixtureParity.CompareOutputs(network, FixturePath("input.npy"), FixturePath("outputs.npz"), "V-JEPA");
    }

    [Theory]
    [InlineData("vjepa_large", 305_490_944L, 1024)]
    [InlineData("vjepa_huge", 633_655_040L, 1280)]
    public void The_keys_build_jepa_s_encoders_and_take_the_original_s_clips(string key, long parameters, int width)
    {
        var card = ModelCards.Find(key)!;
        var spec = TorchvisionVideoModels.For(key)!;
        Assert.Equal((SourceKind.UrlCheckpoint, spec.Url), (card.Source.Kind, card.Source.Origin));
        Assert.Equal("ready (weights download on first use)", card.Status(Path.Combine(Path.GetTempPath(), "bbscore-no-models-here")));
        Assert.Equal(new TorchClipSpec(16, 10, new TokenFold.IntoFrames(16), ChannelsBeforeTime: true), spec.Clip);
        // Patch embedding + the 1,568-token table + blocks of 12·width² + 13·width + … + the final norm.
        using var network = SeededBuild.Construct(spec.Build, seed: 0);
        var state = network.state_dict();
        Assert.Equal(parameters, state.Values.Sum(t => t.numel()));
        Assert.Equal(new long[] { 1, 1568, width }, state["pos_embed"].shape);
    }
}
