using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A torchvision ResNet with part of it taken over under torchvision's module names and run in torchvision's
/// order, then flattened into <c>fc</c>: the shapes published checkpoints give when a training script replaced part of
/// the network. The modules are TorchVision for .NET's own, so state-dict keys stay torchvision's.</summary>
public sealed class ResNetSubset : nn.Module<Tensor, Tensor>
{
    static readonly string[] Stem = ["conv1", "bn1", "relu", "maxpool"];
    static readonly string[] Stages = ["layer1", "layer2", "layer3", "layer4", "avgpool"];

    readonly nn.Module<Tensor, Tensor>[] _body;
#pragma warning disable IDE1006 // torchvision's module name
    readonly nn.Module<Tensor, Tensor> fc;
#pragma warning restore IDE1006

    ResNetSubset(string name, nn.Module<Tensor, Tensor> resnet, string[] body, bool keepFc) : base(name)
    {
        var children = resnet.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        nn.Module<Tensor, Tensor> Child(string child) => children.TryGetValue(child, out var m) && m is nn.Module<Tensor, Tensor> module ? module
            : throw new ArgumentException($"not a torchvision ResNet: it has no module '{child}' (its modules: {string.Join(", ", children.Keys)})", nameof(resnet));
        _body = body.Select(Child).ToArray();
        fc = keepFc ? Child("fc") : nn.Identity();
        for (int i = 0; i < body.Length; i++) register_module(body[i], _body[i]);
        register_module(nameof(fc), fc);
    }

    /// <summary>The whole ResNet with <c>fc</c> = <c>nn.Identity</c>, as DINO publishes its ResNet-50 (facebookresearch/dino
    /// hubconf <c>dino_resnet50</c>: <c>model.fc = torch.nn.Identity()</c>): its checkpoint has no fc, and the strict
    /// load stays strict because the network has none either.</summary>
    public static ResNetSubset Headless(nn.Module<Tensor, Tensor> resnet) => new("ResNet", resnet, [.. Stem, .. Stages], keepFc: false);

    /// <summary>VOneNet's <c>ResNetBackEnd</c>: the ResNet after its stem (no <c>conv1</c>, <c>bn1</c> or max pool, which
    /// the VOneBlock and bottleneck replace): <c>layer1</c>…<c>layer4</c>, <c>avgpool</c>, <c>fc</c>.</summary>
    public static ResNetSubset BackEnd(nn.Module<Tensor, Tensor> resnet) => new("ResNetBackEnd", resnet, Stages, keepFc: true);

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var module in _body) x = module.call(x);
        return fc.call(x.flatten(1));
    }
}
