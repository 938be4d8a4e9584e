using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Timm;
using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>timm's VGG as vgg19 publishes it on the hub (timm/vgg19.tv_in1k): a narrow network in timm's layout, written
/// in PyTorch from timm's definition (tests/fixtures/generate_timm_vgg_fixture.py), gives the same outputs at every
/// hooked module, the small-map pooling of ConvMlp included; the real config builds VGG-19's 143.7 M parameters and
/// timm's evaluation transform.</summary>
public class TimmVggTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "timm_vgg", name);

    [Fact]
    public void A_timm_vgg_checkpoint_gives_torchs_outputs()
    {
        var network = SeededBuild.Construct(() => new TimmVgg([4, 0, 8, 8, 0, 8, 0], features: 12, classes: 5), seed: 0);
        SafetensorsCheckpoint.LoadInto(network, FixturePath("weights.safetensors"), TimmHubArchitectures.Vgg.Keys);
        Assert.Equal(7, ImageFixtureParity.AssertMatches(network, Path.GetDirectoryName(FixturePath("image.npy"))!, "torch"));
    }

    [Fact]
    public void The_published_vgg19_config_builds_VGG_19_with_timm_s_evaluation_transform()
    {
        // timm/vgg19.tv_in1k's config.json (timm's layout; values as published for the tv_in1k tag).
        const string config = """
            {"architecture": "vgg19", "num_classes": 1000, "num_features": 4096, "pretrained_cfg": {"tag": "tv_in1k",
             "input_size": [3, 224, 224], "interpolation": "bilinear", "crop_pct": 0.875, "crop_mode": "center",
             "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "num_classes": 1000, "first_conv": "features.0",
             "classifier": "head.fc"}}
            """;
        var card = ModelCards.Find("vgg19")!;
        Assert.Equal((SourceKind.HubCheckpoint, "timm/vgg19.tv_in1k"), (card.Source.Kind, card.Source.Repo));
        var built = TimmHubArchitectures.Vgg.Build(card, config, "config.json");
        using var network = built.Network;
        var state = network.state_dict();
        // torchvision's vgg19 has 143,667,240 parameters; timm's holds the same tensors, fc1/fc2 as convolutions.
        Assert.Equal(143_667_240L, state.Values.Sum(t => t.numel()));
        Assert.Equal(new long[] { 4096, 512, 7, 7 }, state["pre_logits.fc1.weight"].shape);
        Assert.Equal(new long[] { 1000, 4096 }, state["head.fc.weight"].shape);
        Assert.Equal(new ResizeShortestEdge(256), built.Preprocessing!.Resize);
        Assert.Equal((224, 224), built.Preprocessing.CenterCropSize);
        Assert.Null(built.Clip);
    }
}
