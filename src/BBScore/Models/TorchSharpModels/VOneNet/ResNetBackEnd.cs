using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>VOneNet's <c>ResNetBackEnd</c>: torchvision's ResNet after its stem (no <c>conv1</c>, <c>bn1</c> or max pool,
/// which the VOneBlock and bottleneck replace): <c>layer1</c>…<c>layer4</c>, <c>avgpool</c>, <c>fc</c>, with the same
/// Bottleneck blocks and state-dict names. The stages are TorchVision for .NET's own modules, taken from a ResNet.</summary>
public sealed class ResNetBackEnd : nn.Module<Tensor, Tensor>
{
    static readonly string[] Order = ["layer1", "layer2", "layer3", "layer4", "avgpool"];
    readonly nn.Module<Tensor, Tensor>[] _body;
#pragma warning disable IDE1006 // torchvision's module name
    readonly nn.Module<Tensor, Tensor> fc;
#pragma warning restore IDE1006

    /// <param name="resnet">A torchvision ResNet; its stages, pool and fc are taken over (its stem is left out).</param>
    public ResNetBackEnd(nn.Module<Tensor, Tensor> resnet) : base("ResNetBackEnd")
    {
        var children = resnet.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        nn.Module<Tensor, Tensor> Child(string name) => children.TryGetValue(name, out var m) && m is nn.Module<Tensor, Tensor> module ? module
            : throw new ArgumentException($"not a torchvision ResNet: it has no module '{name}' (its modules: {string.Join(", ", children.Keys)})", nameof(resnet));
        _body = Order.Select(Child).ToArray();
        fc = Child("fc");
        for (int i = 0; i < Order.Length; i++) register_module(Order[i], _body[i]);
        register_module(nameof(fc), fc);
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var module in _body) x = module.call(x);
        return fc.call(x.flatten(1));
    }
}
