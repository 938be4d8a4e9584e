using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Stimuli;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>The C# Swin3D is torchvision's: a state dict with torchvision's keys, on a tiny config that takes every path
/// (patch padding, window padding, shifted windows and their mask, a window shrunk to a short axis, patch merging of an
/// odd H), gives the outputs of a reference forward written in plain torch ops (tests/fixtures/generate_swin3d_fixture.py;
/// Debian's torchvision 0.14 predates Swin3D), through the same clip path and regrouping as the published keys; the real
/// configurations have torchvision's state-dict keys and shapes and its published parameter counts.</summary>
public class Swin3DTests(ITestOutputHelper output)
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "swin3d", name);

    /// <summary>The generator's <c>TINY</c>: patch 2×2×2, width 8, depths [2, 2], heads [2, 4], window 2×3×3, 5 classes.</summary>
    static readonly Swin3DConfig Tiny = new([2, 2, 2], 8, [2, 2], [2, 4], [2, 3, 3], 5);

    static readonly string[] Layers =
    [
        "patch_embed.proj", "patch_embed", "features.0.0.attn", "features.0.1.attn", "features.0.1.mlp",
        "features.0.1.stochastic_depth", "features.0", "features.1", "features.2.0.attn", "features.2.1.attn",
        "features.2", "norm", "avgpool", "head",
    ];

    /// <summary>The generator's two clips, (2, T, H, W, 3) uint8 values, as clip stimuli.</summary>
    static VideoStimulus[] FixtureClips()
    {
        var (values, shape) = NpyFile.ReadFloat64(FixturePath("clips.npy"));
        int frames = shape[1], height = shape[2], width = shape[3], perFrame = height * width * 3;
        return Enumerable.Range(0, shape[0]).Select(c => new VideoStimulus(Enumerable.Range(0, frames)
            .Select(t => new RgbImage(width, height, values.AsSpan((c * frames + t) * perFrame, perFrame).ToArray().Select(v => checked((byte)v)).ToArray()))
            .ToArray(), 15)).ToArray();
    }

    [Fact]
    public void A_torchvision_state_dict_gives_the_reference_outputs()
    {
        var network = SeededBuild.Construct(() => new SwinTransformer3d(Tiny), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath("state_dict.pt"));
        // The fixture's frames are at the network's size: no resize, only [0, 1] and ImageNet normalisation.
        var frames = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
        var clips = FixtureClips();
        // The published keys' regrouping, as the catalogue opens them.
        var clip = new TorchClipSpec(clips[0].Frames.Count, null, TorchvisionVideoModels.For("swin3d_t")!.Clip.Fold, ChannelsBeforeTime: true);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(frames), new ModelIdentity("swin3d_tiny", "", ""), clip: clip);

        var features = model.Extract(clips, Layers);

        double worstRelative = ClipFixtureParity.AssertMatches(features, Layers, layer => FixturePath(layer + ".npy"), "swin3d", output.WriteLine);
        output.WriteLine($"worst: {worstRelative:E2}");
    }

    [Theory]
    [InlineData("swin3d_t", 28_158_070)]
    [InlineData("swin3d_s", 49_816_678)]
    [InlineData("swin3d_b", 88_048_984)]
    public void The_real_network_has_torchvisions_state_dict_and_published_parameter_count(string key, long parameters)
    {
        using var network = TorchvisionVideoModels.For(key)!.Build();

        StateDictKeyList.AssertEqual(FixturePath("keys.json"), key, network);
        // torchvision's num_params counts parameters; relative_position_index is a buffer (int64, in the state dict).
        Assert.Equal(parameters, network.parameters().Sum(p => p.numel()));
        Assert.All(network.state_dict().Where(e => e.Key.EndsWith("relative_position_index", StringComparison.Ordinal)),
            e => Assert.Equal(ScalarType.Int64, e.Value.dtype));
    }

    [Theory]
    [InlineData("swin3d_t", "https://download.pytorch.org/models/swin3d_t-7615ae03.pth")]
    [InlineData("swin3d_s", "https://download.pytorch.org/models/swin3d_s-da41c237.pth")]
    [InlineData("swin3d_b", "https://download.pytorch.org/models/swin3d_b_1k-24f7c7c6.pth")]
    public void The_keys_load_torchvisions_default_weights_with_their_transforms_at_15_fps(string key, string url)
    {
        var spec = TorchvisionVideoModels.For(key)!;

        Assert.Equal(url, spec.Url);
        Assert.Equal(15, spec.Fps);
        Assert.Equal(16, spec.Clip.Frames);
        Assert.True(spec.Clip.ChannelsBeforeTime);
        Assert.Equal(new ResizeShortestEdge(256), spec.Preprocessing.Resize);
        Assert.Equal((224, 224), spec.Preprocessing.CenterCropSize);
        Assert.Equal(ImagePreprocessSpec.ImageNetMean, spec.Preprocessing.Mean);
        Assert.Equal(ImagePreprocessSpec.ImageNetStd, spec.Preprocessing.Std);
    }

    [Fact]
    public void Channels_last_maps_keep_time_on_axis_1_and_the_listed_channels_first_ones_move_it_there()
    {
        var fold = new TokenFold.ChannelsLastTime(new HashSet<string>(["first"], StringComparer.Ordinal));
        float[] data = Enumerable.Range(0, 2 * 3 * 2 * 1 * 1).Select(i => (float)i).ToArray();

        // (B=2, T=3, H=2, W=1, C=1): rows are already time-major.
        var last = fold.Apply(data, [2, 3, 2, 1, 1], "last");
        // (B=2, C=3, T=2, H=1, W=1): time moved in front of the channels.
        var first = fold.Apply(data, [2, 3, 2, 1, 1], "first");
        var head = fold.Apply(data[..10], [2, 5], "head");

        Assert.Equal([2, 3, 2], last.Shape);
        Assert.Equal(data, last.Data);
        Assert.Equal([2, 2, 3], first.Shape);
        Assert.Equal([0f, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11], first.Data);
        Assert.Equal([2, 5], head.Shape);
    }
}
