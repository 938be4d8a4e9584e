using BBScore.Data.Download;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Tests.Data;
using BBScore.Tests.Support;
using TorchSharp.PyBridge;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>A scaling ResNet opened by key: its checkpoint is fetched once from an S3 mirror
/// (BBSCORE_S3_URL, path style) into the models folder and loaded by name into torchvision's resnet.</summary>
[Collection(EnvironmentCollection.Name)]
public class ScalingCheckpointTests
{
    const string Key = "resnet18_imagenet_full";
    const string ObjectPath = "/epfl-neuroailab-scalinglaws/checkpoints/resnet18_imagenet_full/ep100.pt";

    [Fact]
    public void A_scaling_resnet_downloads_its_checkpoint_once_and_gives_the_saved_networks_features()
    {
        var spec = TorchSharpModelSpec.For(ModelCards.All.Single(c => c.Key == Key))!;
        using var saved = SeededBuild.Build("resnet18", 1000, seed: 5, SeededBuild.Init.Default);
        using var file = new MemoryStream();
        saved.save_py(file, leaveOpen: true);
        byte[] checkpoint = file.ToArray();

        using var server = new LoopbackServer(ctx => ctx.Request.Url!.AbsolutePath == ObjectPath
            ? LoopbackServer.ServeBytes(ctx, checkpoint)
            : LoopbackServer.ServeText(ctx, "no such key", "text/plain", 404));
        using var env = new EnvironmentVariableScope((S3Source.EndpointVariable, server.BaseUrl));
        using var models = new TempDir();
        var family = new TorchSharpModelFamily();
        var card = ModelCards.All.Single(c => c.Key == Key);
        Assert.Equal("s3 checkpoint (download on first use)", family.Status(card, models.Path));

        var offline = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Open(Key, new ModelOpenOptions { Offline = true }, models.Path));
        Assert.Contains(Path.Combine(models.Path, Key, "ep100.pt"), offline.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Count(ObjectPath));

        string[] layers = ["layer1.0.conv1", "layer4.0.relu", "avgpool", "fc"];
        var images = new[] { TorchSharpTestImages.Random(320, 240, seed: 1), TorchSharpTestImages.Random(256, 256, seed: 2) };
        using var reference = new TorchSharpFeatureModel(saved, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("saved", "", ""),
            module => TorchArchitectures.Aliases("resnet18", module));
        var expected = reference.Extract(images, layers);

        using (var model = ModelCatalog.Open(Key, null, models.Path))
        {
            var actual = model.Extract(images, layers);
            foreach (string layer in layers)
            {
                Assert.Equal(expected[layer].Shape, actual[layer].Shape);
                Assert.Equal(expected[layer].Data, actual[layer].Data);
            }
            Assert.Equal([2, 1000], actual["fc"].Shape);
            // torchvision's layer4.0.relu ends on the block's output (TorchVision for .NET applies that relu as a function).
            Assert.Equal("layer4.0", model.ResolveLayer("layer4.0.relu"));
            Assert.Equal([2, 512, 7, 7], actual["layer4.0.relu"].Shape);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(checkpoint)), model.Identity.WeightsHash);
        }
        Assert.Equal("ready (downloaded)", family.Status(card, models.Path));
        Assert.True(File.Exists(Path.Combine(models.Path, Key, "ep100.pt")));

        using (ModelCatalog.Open(Key, null, models.Path)) { }
        Assert.Equal(1, server.Count(ObjectPath));
    }

    [Fact]
    public void Download_model_fetches_a_scaling_checkpoint_ahead_of_a_run()
    {
        byte[] checkpoint = [1, 2, 3, 4, 5];
        using var server = new LoopbackServer(ctx => ctx.Request.Url!.AbsolutePath == ObjectPath
            ? LoopbackServer.ServeBytes(ctx, checkpoint)
            : LoopbackServer.ServeText(ctx, "no such key", "text/plain", 404));
        using var env = new EnvironmentVariableScope((S3Source.EndpointVariable, server.BaseUrl));
        using var dir = new TempDir();
        var home = new BBScore.Data.DataHome(dir.Path);

        var (code, output, error) = CliRun.Run(home, "download", "--model", Key);

        Assert.True(code == 0, error);
        string path = Path.Combine(home.ModelsDir, Key, "ep100.pt");
        Assert.Contains($"{Key}: checkpoint ready at {path}", output, StringComparison.Ordinal);
        Assert.Equal(checkpoint, File.ReadAllBytes(path));
        Assert.Equal(0, CliRun.Run(home, "download", "--model", Key).Code);
        Assert.Equal(1, server.Count(ObjectPath));
    }

    [Fact]
    public void Without_a_mirror_the_original_bucket_url_is_used()
    {
        using var env = new EnvironmentVariableScope((S3Source.EndpointVariable, null));
        const string origin = "https://epfl-neuroailab-scalinglaws.s3.eu-north-1.amazonaws.com/checkpoints/resnet18_imagenet_full/ep100.pt";
        Assert.Equal(origin, CheckpointDownload.DownloadUrl(origin));
        using var mirror = new EnvironmentVariableScope((S3Source.EndpointVariable, "http://mirror:9000/"));
        Assert.Equal("http://mirror:9000" + ObjectPath, CheckpointDownload.DownloadUrl(origin));
    }
}
