using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A torchvision ResNet whose <c>fc</c> is <c>nn.Identity</c>, as DINO publishes its ResNet-50
/// (facebookresearch/dino hubconf <c>dino_resnet50</c>: <c>model.fc = torch.nn.Identity()</c>): its checkpoint has no
/// fc, and the strict load stays strict because the network has none either. The stem, stages and pool are TorchVision
/// for .NET's own modules under their torchvision names, run in torchvision's order.</summary>
public sealed class HeadlessResNet : nn.Module<Tensor, Tensor>
{
    static readonly string[] Order = ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool"];
    readonly nn.Module<Tensor, Tensor>[] _body;
#pragma warning disable IDE1006 // torchvision's module name
    readonly nn.Module<Tensor, Tensor> fc = nn.Identity();
#pragma warning restore IDE1006

    /// <param name="resnet">A torchvision ResNet; its modules are taken over (its own fc is left out).</param>
    public HeadlessResNet(nn.Module<Tensor, Tensor> resnet) : base("ResNet")
    {
        var children = resnet.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        _body = Order.Select(name => children.TryGetValue(name, out var m) && m is nn.Module<Tensor, Tensor> module ? module
            : throw new ArgumentException($"not a torchvision ResNet: it has no module '{name}' (its modules: {string.Join(", ", children.Keys)})", nameof(resnet))).ToArray();
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
