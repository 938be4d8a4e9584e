using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>The torchvision architectures this port builds with TorchVision for .NET, whose module paths
/// and state_dict keys equal PyTorch's (ConvNeXt and EfficientNet, missing from TorchVision for .NET, and timm's DeiT III are built here) (so original checkpoints load by name and layer names match).</summary>
public static partial class TorchArchitectures
{
    static readonly Dictionary<string, Func<int, nn.Module<Tensor, Tensor>>> Builders = new(StringComparer.Ordinal)
    {
        ["alexnet"] = classes => torchvision.models.alexnet(classes),
        ["resnet18"] = classes => torchvision.models.resnet18(classes),
        ["resnet34"] = classes => torchvision.models.resnet34(classes),
        ["resnet50"] = classes => torchvision.models.resnet50(classes),
        ["resnet101"] = classes => torchvision.models.resnet101(classes),
        ["resnet152"] = classes => torchvision.models.resnet152(classes),
        ["resnext101_32x8d"] = classes => torchvision.models.resnext101_32x8d(classes),
        ["convnext_tiny"] = ConvNeXt.Tiny,
        ["convnext_small"] = ConvNeXt.Small,
        ["convnext_base"] = ConvNeXt.Base,
        ["convnext_large"] = ConvNeXt.Large,
        ["efficientnet_b0"] = EfficientNet.B0,
        ["efficientnet_b1"] = EfficientNet.B1,
        ["efficientnet_b2"] = EfficientNet.B2,
        ["deit3_small"] = DeiT3.Small,
        ["deit3_base"] = DeiT3.Base,
        ["deit3_large"] = DeiT3.Large,
        // VideoMAE-large's encoder (MCG-NJU/videomae-large's config), for the original's random re-initialisation.
        ["videomae_large"] = _ => new Vit.VisionTransformer(Vit.VitConfig.VideoMaeBase with { Hidden = 1024, Layers = 24, Heads = 16, Mlp = 4096 }),
    };

    /// <summary>PyTorch module paths that TorchVision for .NET names differently, as aliases of its modules.
    /// torchvision's ResNet blocks own one <c>relu</c> module called after every stage of the block, the last
    /// call on the block's sum; TorchVision for .NET names the inner ones <c>relu1</c>/<c>relu2</c> and applies
    /// the last as a function. The last call is what a hook on <c>layerX.Y.relu</c> ends with, and it is the
    /// block's output, so <c>layerX.Y.relu</c> is an alias of the block <c>layerX.Y</c>.</summary>
    public static IReadOnlyList<string> Aliases(string architecture, string module) =>
        architecture.StartsWith("res", StringComparison.Ordinal) && ResNetBlock().IsMatch(module) ? [module + ".relu"] : [];

    [System.Text.RegularExpressions.GeneratedRegex(@"^layer\d+\.\d+$")]
    private static partial System.Text.RegularExpressions.Regex ResNetBlock();

    public static bool Has(string architecture) => Builders.ContainsKey(architecture);

    /// <summary>A fresh network with TorchVision's default initialisation, drawn from torch's global
    /// generator (seed it first for a reproducible network; see <see cref="SeededBuild"/>).</summary>
    public static nn.Module<Tensor, Tensor> Build(string architecture, int classes) =>
        Builders.TryGetValue(architecture, out var build)
            ? build(classes)
            : throw new NotSupportedException($"The architecture {architecture} is not built in TorchSharp.");
}
