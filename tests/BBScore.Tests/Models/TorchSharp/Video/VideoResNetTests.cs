using System.Text.Json;
using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>The video ResNets built here are torchvision's: a torchvision state_dict (at a sixteenth of the widths)
/// loads by name and gives torch's outputs, regrouped to (B, T, −1), through the same clip path as the published
/// keys (tests/fixtures/generate_video_cnn_fixtures.py); the full-width networks have exactly torchvision's
/// state-dict keys and shapes.</summary>
public class VideoResNetTests
{
    internal static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", "video_cnn", .. parts]);

    /// <summary>The generator's widths: torchvision's divided by 16 (64/128/256/512 → 4/8/16/32, the R(2+1)D stem's 45 → 2).</summary>
    static VideoResNetConfig Reduced(VideoResNetConfig full) =>
        full with { Widths = full.Widths.Select(w => w / 16).ToArray(), R2Plus1dStemWidth = full.R2Plus1dStemWidth / 16, Classes = 7 };

    static VideoResNetConfig Full(string key) => key switch
    {
        "r3d_18" => VideoResNetConfig.R3d18,
        "mc3_18" => VideoResNetConfig.Mc3_18,
        "r2plus1d_18" => VideoResNetConfig.R2Plus1d18,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    static readonly Dictionary<string, string[]> Layers = new()
    {
        ["r3d_18"] = ["stem", "layer1.0.conv1", "layer2.0", "layer3.1.relu", "layer4", "avgpool", "fc"],
        ["mc3_18"] = ["stem.2", "layer1.1", "layer2.0.downsample", "layer4.1.conv2", "avgpool", "fc"],
        ["r2plus1d_18"] = ["stem", "layer1.0.conv1.0", "layer2.0.conv1.0.3", "layer3", "layer4.1.relu", "fc"],
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

    [Theory]
    [InlineData("r3d_18")]
    [InlineData("mc3_18")]
    [InlineData("r2plus1d_18")]
    public void A_torchvision_state_dict_gives_torchs_outputs_in_time_major_rows(string key)
    {
        var network = SeededBuild.Construct(() => new VideoResNet(Reduced(Full(key))), seed: 0);
        TorchCheckpoint.LoadInto(network, FixturePath(key, "state_dict.pt"));
        // The fixture's frames are already at the network's size: no resize, only [0, 1] and Kinetics normalisation.
        var frames = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            TorchvisionVideoModels.KineticsMean, TorchvisionVideoModels.KineticsStd);
        var clip = new TorchClipSpec(8, null, new TokenFold.TimeAxis(), ChannelsBeforeTime: true);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(frames), new ModelIdentity(key, "", ""), clip: clip);

        var features = model.Extract([FixtureClip()], Layers[key]);

        foreach (string layer in Layers[key])
        {
            var (expected, expectedShape) = NpyFile.ReadFloat64(FixturePath(key, layer + ".npy"));
            Assert.Equal(expectedShape, features[layer].Shape);
            double scale = expected.Max(Math.Abs);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, expected.Select(v => (float)v).ToArray());
            Assert.True(scale > 0 && diff <= 1e-4 * scale, $"{key} {layer}: max |C# − torch| = {diff}, max |torch| = {scale}");
        }
    }

    [Theory]
    [InlineData("r3d_18")]
    [InlineData("mc3_18")]
    [InlineData("r2plus1d_18")]
    public void The_full_network_has_torchvisions_state_dict_keys_and_shapes(string key)
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(FixturePath("keys.json")));
        var expected = keys.RootElement.GetProperty(key).EnumerateArray()
            .Select(e => $"{e[0].GetString()} [{string.Join(",", e[1].EnumerateArray().Select(d => d.GetInt64()))}]")
            .Order(StringComparer.Ordinal).ToList();
        using var network = new VideoResNet(Full(key));

        // Checkpoints load by name, so the order (TorchSharp lists a module's parameters before its buffers) does not matter.
        var actual = network.state_dict().Select(e => $"{e.Key} [{string.Join(",", e.Value.shape)}]").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }
}
