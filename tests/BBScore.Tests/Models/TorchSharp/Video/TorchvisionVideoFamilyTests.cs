using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Tests.Data;
using BBScore.Tests.Support;
using TorchSharp.PyBridge;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>A key from a published checkpoint at a URL (UrlCheckpointFamily), shown with a torchvision video key opened through the catalogue: its .pth file is fetched once from a mirror of
/// download.pytorch.org (BBSCORE_CHECKPOINT_URL) into the models folder and loaded into the C# network; offline it
/// is refused with the command that fetches it; a legacy-format file is read and held to the strict fit.</summary>
[Collection(EnvironmentCollection.Name)]
public class TorchvisionVideoFamilyTests
{
    // mc3_18 is the smallest of the three (11.7 M parameters), to keep the served checkpoint small.
    const string Key = "mc3_18";
    const string ObjectPath = "/download.pytorch.org/models/mc3_18-a90a0ba3.pth";

    static LoopbackServer Serve(byte[] checkpoint) => new(ctx => ctx.Request.Url!.AbsolutePath == ObjectPath
        ? LoopbackServer.ServeBytes(ctx, checkpoint)
        : LoopbackServer.ServeText(ctx, "not found", "text/plain", 404));

    [Fact]
    public void A_torchvision_video_key_downloads_its_weights_once_and_gives_the_saved_networks_features()
    {
        using var saved = SeededBuild.Construct(() => new VideoResNet(VideoResNetConfig.Mc3_18), seed: 5);
        using var file = new MemoryStream();
        saved.save_py(file, leaveOpen: true); // a bare state_dict with torchvision's keys: the published files' layout
        byte[] checkpoint = file.ToArray();
        using var server = Serve(checkpoint);
        using var env = new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, server.BaseUrl));
        using var models = new TempDir();
        var card = ModelCards.Find(Key)!;
        var family = ModelCatalog.OfflineFamilies.Single(f => f.Supports(card));
        Assert.Equal("ready (weights download on first use)", family.Status(card, models.Path));

        var spec = TorchvisionVideoModels.For(Key)!;
        string[] layers = ["layer1.0", "layer4.1.relu", "fc"];
        var clips = new BBScore.Stimuli.Stimulus[] { TorchvisionVideoArchitectureTests.FixtureClip(), new BBScore.Stimuli.ImageStimulus(TorchSharpTestImages.Random(200, 150, seed: 2)) };
        using var reference = new TorchSharpFeatureModel(saved, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("saved", "", ""), clip: spec.Clip);
        var expected = reference.Extract(clips, layers);

        using (var model = ModelCatalog.Open(Key, null, models.Path))
        {
            var actual = model.Extract(clips, layers);
            foreach (string layer in layers)
            {
                Assert.Equal(expected[layer].Shape, actual[layer].Shape);
                Assert.Equal(expected[layer].Data, actual[layer].Data);
            }
            // 16 frames of 112×112: the stem halves the frame (56), stages 2–4 halve it again (7); mc3's stages 2–4
            // convolve and stride in space only, so all 16 time steps remain.
            Assert.Equal([2, 16, 64 * 56 * 56], actual["layer1.0"].Shape);
            Assert.Equal([2, 16, 512 * 7 * 7], actual["layer4.1.relu"].Shape);
            Assert.Equal([2, 400], actual["fc"].Shape);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(checkpoint)), model.Identity.WeightsHash);
            Assert.Contains("resize to 171x128", model.Identity.Preprocessing, StringComparison.Ordinal);
        }
        Assert.Equal("ready (downloaded)", family.Status(card, models.Path));
        using (ModelCatalog.Open(Key, null, models.Path)) { }
        Assert.Equal(1, server.Count(ObjectPath));
    }

    [Theory]
    [InlineData(Key, ObjectPath)]
    [InlineData("cornet_z", "/storage.googleapis.com/stanford_neuroai_models/cornet/cornet_z-5c427c9c.pth")]
    public void Offline_a_missing_checkpoint_is_refused_with_the_download_command_and_destination(string key, string objectPath)
    {
        using var server = new LoopbackServer(ctx => ctx.Request.Url!.AbsolutePath == objectPath
            ? LoopbackServer.ServeBytes(ctx, [1, 2, 3])
            : LoopbackServer.ServeText(ctx, "not found", "text/plain", 404));
        using var env = new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, server.BaseUrl));
        using var models = new TempDir();

        var error = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Open(key, new ModelOpenOptions { Offline = true }, models.Path));

        Assert.Contains($"bbscore download --model {key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(models.Path, key, Path.GetFileName(objectPath)), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Count(objectPath));
    }

    [Fact]
    public void Download_model_fetches_the_published_weights_ahead_of_a_run()
    {
        byte[] checkpoint = [1, 2, 3, 4, 5];
        using var server = Serve(checkpoint);
        using var env = new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, server.BaseUrl));
        using var dir = new TempDir();
        var home = new BBScore.Data.DataHome(dir.Path);

        var (code, output, error) = CliRun.Run(home, "download", "--model", Key);

        Assert.True(code == 0, error);
        string path = Path.Combine(home.ModelsDir, Key, "mc3_18-a90a0ba3.pth");
        Assert.Contains($"{Key}: checkpoint ready at {path}", output, StringComparison.Ordinal);
        Assert.Equal(checkpoint, File.ReadAllBytes(path));
        var (listCode, list, _) = CliRun.Run(home, "list", "models");
        Assert.Equal(0, listCode);
        Assert.Contains(list.Split('\n'), line => line.Contains("r3d_18", StringComparison.Ordinal) && line.Contains("ready (weights download on first use)", StringComparison.Ordinal));
        Assert.Contains(list.Split('\n'), line => line.Contains(Key, StringComparison.Ordinal) && line.Contains("ready (downloaded)", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_mirror_the_published_url_is_used()
    {
        const string origin = "https://download.pytorch.org/models/mc3_18-a90a0ba3.pth";
        using (new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, null)))
            Assert.Equal(origin, CheckpointDownload.DownloadUrl(origin));
        using (new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, "http://127.0.0.1:9/mirror/")))
            Assert.Equal("http://127.0.0.1:9/mirror" + ObjectPath, CheckpointDownload.DownloadUrl(origin));
    }

    [Fact]
    public void A_legacy_format_checkpoint_is_read_and_held_to_the_strict_fit()
    {
        string path = TorchvisionVideoArchitectureTests.FixturePath("legacy_state_dict.pt");
        using var network = new VideoResNet(VideoResNetConfig.Mc3_18);

        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.LoadInto(network, path));

        Assert.Contains(path + " does not fit the network", error.Message, StringComparison.Ordinal);
        Assert.Contains("fc.weight [2,3] vs [400,512]", error.Message, StringComparison.Ordinal);
    }
}
