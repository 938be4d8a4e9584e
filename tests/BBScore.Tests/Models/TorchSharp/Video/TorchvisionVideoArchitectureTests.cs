using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Stimuli;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>The video networks built here (VideoResNet, S3D, MViT) are torchvision's: a torchvision state_dict (at a sixteenth
/// of the widths) loads by name and gives torch's outputs, regrouped to (B, T, −1), through the same clip path as the
/// published keys (tests/fixtures/generate_video_cnn_fixtures.py); the full-width networks have exactly torchvision's
/// state-dict keys and shapes.</summary>
public class TorchvisionVideoArchitectureTests
{
    internal static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", "video_cnn", .. parts]);

    /// <summary>The full-width network of a key, or (<paramref name="reduced"/>) the generator's: torchvision's widths
    /// divided by 16, rounded down (64/128/256/512 → 4/8/16/32, the R(2+1)D stem's 45 → 2), 7 classes.</summary>
    static nn.Module<Tensor, Tensor> Network(string key, bool reduced)
    {
        if (key == "s3d") return new S3D(reduced ? S3DConfig.Torchvision.Divided(16) with { Classes = 7 } : S3DConfig.Torchvision);
        if (key.StartsWith("mvit", StringComparison.Ordinal))
        {
            var mvit = key == "mvit_v1_b" ? MViTConfig.V1B : MViTConfig.V2S;
            return new MViT(reduced ? ReducedMViT(mvit, key == "mvit_v1_b" ? [0, 1, 2, 3, 4, 13, 14, 15] : [0, 1, 2, 3, 4, 14, 15]) : mvit);
        }
        var full = key switch
        {
            "r3d_18" => VideoResNetConfig.R3d18,
            "mc3_18" => VideoResNetConfig.Mc3_18,
            "r2plus1d_18" => VideoResNetConfig.R2Plus1d18,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
        };
        return new VideoResNet(reduced ? full with { Widths = full.Widths.Select(w => w / 16).ToArray(), R2Plus1dStemWidth = full.R2Plus1dStemWidth / 16, Classes = 7 } : full);
    }

    /// <summary>The generator's MViT (<c>reduced_mvit</c>): the listed blocks at 1/16 width (heads kept), built for a
    /// 4-frame 32×32 input, 7 classes.</summary>
    static MViTConfig ReducedMViT(MViTConfig full, int[] blocks) => full with
    {
        SpatialSize = 32, TemporalSize = 4, Classes = 7,
        Blocks = blocks.Select(i => full.Blocks[i] with { InputChannels = full.Blocks[i].InputChannels / 16, OutputChannels = full.Blocks[i].OutputChannels / 16 }).ToArray(),
    };

    static readonly Dictionary<string, string[]> Layers = new()
    {
        ["r3d_18"] = ["stem", "layer1.0.conv1", "layer2.0", "layer3.1.relu", "layer4", "avgpool", "fc"],
        ["mc3_18"] = ["stem.2", "layer1.1", "layer2.0.downsample", "layer4.1.conv2", "avgpool", "fc"],
        ["r2plus1d_18"] = ["stem", "layer1.0.conv1.0", "layer2.0.conv1.0.3", "layer3", "layer4.1.relu", "fc"],
        ["s3d"] = ["features.8", "features.12.branch1", "features.13", "features.15", "avgpool", "classifier"],
        ["mvit_v1_b"] = ["conv_proj", "pos_encoding", "blocks.0", "blocks.1.attn", "blocks.3.attn.pool_q", "blocks.6", "norm", "head"],
        ["mvit_v2_s"] = ["conv_proj", "pos_encoding", "blocks.1", "blocks.3.attn", "blocks.4.attn.pool_k", "blocks.6", "blocks", "norm", "head"],
    };

    /// <summary>The generator's clip, (T, H, W, 3) uint8 values, as a clip stimulus.</summary>
    internal static VideoStimulus FixtureClip()
    {
        var (values, shape) = NpyFile.ReadFloat64(FixturePath("clip.npy"));
        int frames = shape[0], height = shape[1], width = shape[2], perFrame = height * width * 3;
        var images = Enumerable.Range(0, frames)
            .Select(t => new RgbImage(width, height, values.AsSpan(t * perFrame, perFrame).ToArray().Select(v => checked((byte)v)).ToArray()))
            .ToArray();
        return new VideoStimulus(images, 25);
    }

    /// <summary>The generator's S3D input (<c>synthetic_clip</c>): 13 frames of 224×224 (S3D's average pool needs
    /// that many), element i of the (T, H, W, 3) array being (7919 i + 104729 ⌊i / 7⌋) mod 256.</summary>
    static VideoStimulus SyntheticClip(int frames, int height, int width)
    {
        int perFrame = height * width * 3;
        var images = Enumerable.Range(0, frames).Select(t =>
        {
            var pixels = new byte[perFrame];
            for (long k = 0, i = (long)t * perFrame; k < perFrame; k++, i++) pixels[k] = (byte)((i * 7919 + i / 7 * 104729) % 256);
            return new RgbImage(width, height, pixels);
        }).ToArray();
        return new VideoStimulus(images, 24);
    }

    [Theory]
    [InlineData("r3d_18")]
    [InlineData("mc3_18")]
    [InlineData("r2plus1d_18")]
    [InlineData("s3d")]
    [InlineData("mvit_v1_b")]
    [InlineData("mvit_v2_s")]
    public void A_torchvision_state_dict_gives_torchs_outputs(string key)
    {
        var network = SeededBuild.Construct(() => Network(key, reduced: true), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath(key, "state_dict.pt"));
        // The fixture's frames are already at the network's size: no resize, only [0, 1] and Kinetics normalisation.
        var frames = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            TorchvisionVideoModels.KineticsMean, TorchvisionVideoModels.KineticsStd);
        bool mvit = key.StartsWith("mvit", StringComparison.Ordinal);
        var input = key == "s3d" ? SyntheticClip(13, 224, 224) : mvit ? FixtureClip() with { Frames = FixtureClip().Frames.Take(4).ToArray() } : FixtureClip();
        // MViT's outputs are kept as they are (the original's squeeze(1) changes none of them).
        var clip = new TorchClipSpec(input.Frames.Count, null, mvit ? null : new TokenFold.TimeAxis(), ChannelsBeforeTime: true);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(frames), new ModelIdentity(key, "", ""), clip: clip);

        var features = model.Extract([input], Layers[key]);

        ClipFixtureParity.AssertMatches(features, Layers[key], layer => FixturePath(key, layer + ".npy"), key);
    }

    [Theory]
    [InlineData("r3d_18")]
    [InlineData("mc3_18")]
    [InlineData("r2plus1d_18")]
    [InlineData("s3d")]
    [InlineData("mvit_v1_b")]
    [InlineData("mvit_v2_s")]
    public void The_full_network_has_torchvisions_state_dict_keys_and_shapes(string key)
    {
        using var network = Network(key, reduced: false);

        StateDictKeyList.AssertEqual(FixturePath("keys.json"), key, network);
    }
}
