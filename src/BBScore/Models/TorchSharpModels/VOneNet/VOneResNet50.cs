using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>
/// VOneResNet-50 as VOneNet builds it (<c>nn.Sequential</c> of <c>vone_block</c>, <c>bottleneck</c>, <c>model</c>): the
/// <see cref="VOneBlock"/>, a bias-free 1×1 convolution from the bank's channels down to the 64 that ResNet's first stage
/// takes, and the back end (<see cref="ResNetSubset.BackEnd"/>). Module paths are the original's (<c>vone_block</c>, <c>model.layer3.5</c>,
/// <c>model.avgpool</c>), which are the layer names Brain-Score and the original list.
/// </summary>
public sealed class VOneResNet50 : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's module names
    readonly VOneBlock vone_block;
    readonly nn.Module<Tensor, Tensor> bottleneck;
    readonly ResNetSubset model;
#pragma warning restore IDE1006

    public VOneResNet50(VOneConfig config) : base("Sequential")
    {
        vone_block = new VOneBlock(config);
        bottleneck = nn.Conv2d(config.Channels, 64, 1, stride: 1, bias: false);
        model = ResNetSubset.BackEnd(torchvision.models.resnet50(1000));
        RegisterComponents();
    }

    /// <summary>The architecture of the published checkpoint's flags (<see cref="VOneConfig.Default"/>).</summary>
    public VOneResNet50() : this(VOneConfig.Default) { }

    /// <summary>torchvision's ResNet blocks end in a <c>relu</c> that TorchVision for .NET applies as a function: the
    /// block <c>model.layerX.Y</c> is also reachable as <c>model.layerX.Y.relu</c>, as in <see cref="TorchArchitectures.Aliases"/>.</summary>
    public static IReadOnlyList<string> Aliases(string module) =>
        module.StartsWith("model.", StringComparison.Ordinal)
            ? TorchArchitectures.Aliases("resnet50", module["model.".Length..]).Select(a => "model." + a).ToList()
            : [];

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return model.call(bottleneck.call(vone_block.call(images))).MoveToOuterDisposeScope();
    }
}
