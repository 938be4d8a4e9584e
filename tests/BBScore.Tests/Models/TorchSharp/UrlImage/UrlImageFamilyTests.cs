using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>An image key from a published checkpoint opened through the catalogue: cornet_z's file (served in torch's
/// legacy format, as a DataParallel state dict under 'state_dict', like the original's GCS files) is fetched once from a
/// mirror (BBSCORE_CHECKPOINT_URL) and loaded into the C# network (offline refusal: TorchvisionVideoFamilyTests, for both kinds).</summary>
[Collection(EnvironmentCollection.Name)]
public class UrlImageFamilyTests
{
    const string Key = "cornet_z";
    const string ObjectPath = "/storage.googleapis.com/stanford_neuroai_models/cornet/cornet_z-5c427c9c.pth";

    static LoopbackServer Serve(byte[] checkpoint) => new(ctx => ctx.Request.Url!.AbsolutePath == ObjectPath
        ? LoopbackServer.ServeBytes(ctx, checkpoint)
        : LoopbackServer.ServeText(ctx, "not found", "text/plain", 404));

    [Fact]
    public void Cornet_z_downloads_its_legacy_checkpoint_once_and_gives_the_saved_networks_features()
    {
        using var saved = UrlImageArchitectureTests.Build(Key);
        UrlImageArchitectureTests.SetFormulaWeights(saved);
        byte[] checkpoint = LegacyTorchWriter.StateDict(saved.state_dict());
        using var server = Serve(checkpoint);
        using var env = new EnvironmentVariableScope((CheckpointDownload.MirrorVariable, server.BaseUrl));
        using var models = new TempDir();
        var card = ModelCards.Find(Key)!;
        Assert.Equal(SourceKind.UrlCheckpoint, card.Source.Kind);
        var family = ModelCatalog.OfflineFamilies.Single(f => f.Supports(card));
        Assert.Equal("ready (weights download on first use)", family.Status(card, models.Path));

        var spec = UrlImageModels.For(Key)!;
        string[] layers = ["V1", "IT", "_orig_mod.decoder.linear"];
        var images = new BBScore.Stimuli.Stimulus[] { new BBScore.Stimuli.ImageStimulus(TorchSharpTestImages.Random(300, 260, seed: 4)) };
        var referenceNetwork = UrlImageArchitectureTests.Build(Key);
        UrlImageArchitectureTests.SetFormulaWeights(referenceNetwork); // the saved network's weights (they are a formula)
        using var reference = new TorchSharpFeatureModel(referenceNetwork, new NormalizingImagePreprocessor(spec.Preprocessing), new ModelIdentity("saved", "", ""));
        var expected = reference.Extract(images, layers);

        using (var model = ModelCatalog.Open(Key, null, models.Path))
        {
            var actual = model.Extract(images, layers);
            foreach (string layer in layers) Assert.Equal(expected[layer].Data, actual[layer].Data);
            Assert.Equal([1, 64, 56, 56], actual["V1"].Shape); // after the 224 crop V1 strides by 2 and pools by 2
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(checkpoint)), model.Identity.WeightsHash);
        }
        Assert.Equal("ready (downloaded)", family.Status(card, models.Path));
        using (ModelCatalog.Open(Key, null, models.Path)) { }
        Assert.Equal(1, server.Count(ObjectPath));
    }

    [Theory]
    [InlineData("alexnet_trained", "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth")]
    [InlineData("resnext101_32x8d_wsl", "https://download.pytorch.org/models/ig_resnext101_32x8-c38310e5.pth")]
    [InlineData("resnet50dino", "https://dl.fbaipublicfiles.com/dino/dino_resnet50_pretrain/dino_resnet50_pretrain.pth")]
    [InlineData("cornet_rt", "https://storage.googleapis.com/stanford_neuroai_models/cornet/cornet_rt-933c001c.pth")]
    [InlineData("cornet_s", "https://storage.googleapis.com/stanford_neuroai_models/cornet/cornet_s-1d3f7974.pth")]
    public void Each_key_names_its_published_checkpoint(string key, string url)
    {
        var card = ModelCards.Find(key)!;
        Assert.Equal(new ModelSource(SourceKind.UrlCheckpoint, url), card.Source);
        Assert.IsType<UrlCheckpointFamily>(ModelCatalog.OfflineFamilies.Single(f => f.Supports(card)));
    }
}
