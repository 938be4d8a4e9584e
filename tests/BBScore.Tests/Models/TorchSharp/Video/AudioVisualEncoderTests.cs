using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Stimuli;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>GDT's, SeLaVi's and AVID's video towers: a checkpoint in each one's published layout (the tower under its
/// prefix, beside an audio tower and heads) loads through the key's own key map into the C# network and gives torch's
/// outputs (tests/fixtures/generate_av_encoder_fixtures.py, at a sixteenth of the widths); the full-width networks
/// name their parameters as the checkpoints do.</summary>
public class AudioVisualEncoderTests
{
    static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", "av_encoders", .. parts]);

    static nn.Module<Tensor, Tensor> Reduced(string name) => name == "avid"
        ? new AvidR2Plus1D(AvidR2Plus1D.PublishedWidths.Select(w => w / 16).ToArray())
        : new VideoBaseNetwork(VideoResNetConfig.R2Plus1d18 with { Widths = VideoResNetConfig.R2Plus1d18.Widths.Select(w => w / 16).ToArray(), R2Plus1dStemWidth = 45 / 16 });

    static readonly Dictionary<string, string[]> Layers = new()
    {
        ["gdt"] = ["base.stem", "base.layer1.0.conv1.0.3", "base.layer2.0.downsample", "base.layer4", "base.avgpool", "base.fc"],
        ["selavi"] = ["base.stem.2", "base.layer2.1", "base.layer3.0.conv2", "base.layer4.1.relu", "base.fc"],
        ["avid"] = ["conv1", "conv2x.0.spt_conv1", "conv3x.0", "conv3x.0.res_conv", "conv4x.1.out_bn", "conv5x", "pool"],
    };

    [Theory]
    [InlineData("gdt", "gdt_kinetics400")]
    [InlineData("selavi", "selavi_vgg")]
    [InlineData("avid", "avid_cma_audioset")]
    public void A_published_layout_checkpoint_loads_by_the_keys_map_and_gives_torchs_outputs(string name, string key)
    {
        var spec = TorchvisionVideoModels.For(key)!;
        var network = SeededBuild.Construct(() => Reduced(name), seed: 0);
        // Strict: every parameter of the tower is loaded and every other entry is one the key map ignores.
        TorchCheckpoint.LoadInto(network, FixturePath(name, "checkpoint.pt"), keys: spec.Keys);
        var frames = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            TorchvisionVideoModels.KineticsMean, TorchvisionVideoModels.KineticsStd);
        var input = TorchvisionVideoArchitectureTests.FixtureClip();
        var clip = new TorchClipSpec(input.Frames.Count, null, new TokenFold.TimeAxis(), ChannelsBeforeTime: true);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(frames), new ModelIdentity(name, "", ""), clip: clip);

        var features = model.Extract([input], Layers[name]);

        ClipFixtureParity.AssertMatches(features, Layers[name], layer => FixturePath(name, layer + ".npy"), name);
    }

    [Fact]
    public void A_checkpoint_without_the_video_tower_is_refused_by_name()
    {
        var spec = TorchvisionVideoModels.For("avid_kinetics")!;
        using var network = SeededBuild.Construct(() => Reduced("gdt"), seed: 0);

        // AVID's key map keeps only video_model.*; GDT's file has none, so nothing of the network would load.
        var error = Assert.ThrowsAny<Exception>(() => TorchCheckpoint.LoadInto(network, FixturePath("gdt", "checkpoint.pt"), keys: spec.Keys));

        Assert.Contains("base.stem.0.weight", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("video_base_network")]
    [InlineData("avid_r2plus1d")]
    public void The_full_network_names_its_parameters_as_the_checkpoints_do(string name)
    {
        using nn.Module<Tensor, Tensor> network = name == "avid_r2plus1d" ? AvidR2Plus1D.Published() : VideoBaseNetwork.R2Plus1d18();

        StateDictKeyList.AssertEqual(FixturePath("keys.json"), name, network);
    }

    [Theory]
    [InlineData("gdt_ht100", "https://storage.googleapis.com/stanford_neuroai_models/gdt/gdt_HT100M.pth")]
    [InlineData("gdt_ig65", "https://storage.googleapis.com/stanford_neuroai_models/gdt/gdt_IG65M.pth")]
    [InlineData("gdt_kinetics400", "https://storage.googleapis.com/stanford_neuroai_models/gdt/gdt_K400.pth")]
    [InlineData("selavi_kinetics400", "https://dl.fbaipublicfiles.com/selavi/selavi_kinetics.pth")]
    [InlineData("selavi_kinetics_sound", "https://dl.fbaipublicfiles.com/selavi/selavi_kinetics_sound.pth")]
    [InlineData("selavi_ave", "https://dl.fbaipublicfiles.com/selavi/selavi_ave.pth")]
    [InlineData("selavi_vgg", "https://dl.fbaipublicfiles.com/selavi/selavi_vgg_sound.pth")]
    [InlineData("avid_kinetics", "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/AVID_Kinetics_Cross-N1024_checkpoint.pth.tar")]
    [InlineData("avid_audioset", "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/AVID_Audioset_Cross-N1024_checkpoint.pth.tar")]
    [InlineData("avid_cma_kinetics", "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/AVID-CMA_Kinetics_InstX-N1024-PosW-N64-Top32_checkpoint.pth.tar")]
    [InlineData("avid_cma_audioset", "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/AVID-CMA_Audioset_InstX-N1024-PosW-N64-Top32_checkpoint.pth.tar")]
    public void Each_key_fetches_the_file_the_originals_loader_does(string key, string url)
    {
        var card = ModelCards.Find(key)!;

        Assert.Equal((SourceKind.UrlCheckpoint, url), (card.Source.Kind, card.Source.Origin));
        Assert.Contains(ModelCatalog.OfflineFamilies, f => f.Supports(card));
    }
}
