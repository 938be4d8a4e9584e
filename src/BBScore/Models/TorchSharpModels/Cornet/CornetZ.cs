using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Cornet;

/// <summary>CORnet-Z (dicarlolab/CORnet cornet_z.py): an <c>nn.Sequential</c> of V1, V2, V4, IT — each a
/// <see cref="CornetZBlock"/> — and <c>decoder</c> (avgpool, flatten, linear, output), module for module so that paths and
/// state-dict keys are the original's.</summary>
public static class CornetZ
{
    public static Sequential Build(CornetConfig config) => nn.Sequential(
        ("V1", new CornetZBlock(3, config.V1, kernel: 7, stride: 2)),
        ("V2", new CornetZBlock(config.V1, config.V2)),
        ("V4", new CornetZBlock(config.V2, config.V4)),
        ("IT", new CornetZBlock(config.V4, config.IT)),
        ("decoder", CornetDecoder.Build(config.IT, config.Classes, withOutput: true)));
}

/// <summary>CORblock_Z: conv (padding kernel/2), ReLU, max-pool 3/2/1, and an identity <c>output</c> to hook.</summary>
public sealed class CornetZBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's module names
    readonly Conv2d conv;
    readonly ReLU nonlin;
    readonly MaxPool2d pool;
    readonly Identity output;
#pragma warning restore IDE1006

    public CornetZBlock(long inChannels, long outChannels, long kernel = 3, long stride = 1) : base("CORblock_Z")
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2);
        nonlin = nn.ReLU();
        pool = nn.MaxPool2d(3, stride: 2, padding: 1);
        output = nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => output.call(pool.call(nonlin.call(conv.call(input))));
}

/// <summary>CORnet's read-out: global average pool, flatten, linear (and, in CORnet-Z and -S, an identity <c>output</c>).</summary>
static class CornetDecoder
{
    public static Sequential Build(long channels, long classes, bool withOutput)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("avgpool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten(1)), ("linear", nn.Linear(channels, classes)),
        };
        if (withOutput) modules.Add(("output", nn.Identity()));
        return nn.Sequential(modules.ToArray());
    }
}
