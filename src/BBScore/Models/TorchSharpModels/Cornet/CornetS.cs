using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Cornet;

/// <summary>CORnet-S (dicarlolab/CORnet cornet_s.py): V1 a plain sequence (conv1, norm1, nonlin1, pool, conv2, norm2,
/// nonlin2, output); V2, V4, IT <see cref="CornetSBlock"/>s recurrent over 2, 4 and 2 steps; the decoder as CORnet-Z's.</summary>
public static class CornetS
{
    public static Sequential Build(CornetConfig config) => nn.Sequential(
        ("V1", nn.Sequential(
            ("conv1", nn.Conv2d(3, config.V1, 7, stride: 2, padding: 3, bias: false)),
            ("norm1", nn.BatchNorm2d(config.V1)),
            ("nonlin1", nn.ReLU()),
            ("pool", nn.MaxPool2d(3, stride: 2, padding: 1)),
            ("conv2", nn.Conv2d(config.V1, config.V1, 3, stride: 1, padding: 1, bias: false)),
            ("norm2", nn.BatchNorm2d(config.V1)),
            ("nonlin2", nn.ReLU()),
            ("output", nn.Identity()))),
        ("V2", new CornetSBlock(config.V1, config.V2, times: 2)),
        ("V4", new CornetSBlock(config.V2, config.V4, times: 4)),
        ("IT", new CornetSBlock(config.V4, config.IT, times: 2)),
        ("decoder", CornetDecoder.Build(config.IT, config.Classes, withOutput: true)));
}

/// <summary>CORblock_S: a 1×1 input convolution, then <c>times</c> bottleneck steps (1×1 up by 4, 3×3, 1×1 down) with
/// a BatchNorm per step (<c>norm1_t</c>, <c>norm2_t</c>, <c>norm3_t</c>); step 0 strides by 2 and adds a strided 1×1
/// <c>skip</c>, later steps add their input. The original switches <c>conv2</c>'s stride between steps; here
/// <see cref="SwitchableConv2d"/> does. Submodules called at every step (conv1..3, nonlin1..3, output) are hooked on
/// each call, the last one remaining.</summary>
public sealed class CornetSBlock : nn.Module<Tensor, Tensor>
{
    const long Scale = 4;
    readonly int _times;
#pragma warning disable IDE1006 // the original's module names
    readonly Conv2d conv_input;
    readonly Conv2d skip;
    readonly BatchNorm2d norm_skip;
    readonly Conv2d conv1;
    readonly ReLU nonlin1;
    readonly SwitchableConv2d conv2;
    readonly ReLU nonlin2;
    readonly Conv2d conv3;
    readonly ReLU nonlin3;
    readonly Identity output;
#pragma warning restore IDE1006
    readonly BatchNorm2d[] _norm1, _norm2, _norm3;

    public CornetSBlock(long inChannels, long outChannels, int times) : base("CORblock_S")
    {
        _times = times;
        conv_input = nn.Conv2d(inChannels, outChannels, 1, bias: false);
        skip = nn.Conv2d(outChannels, outChannels, 1, stride: 2, bias: false);
        norm_skip = nn.BatchNorm2d(outChannels);
        conv1 = nn.Conv2d(outChannels, outChannels * Scale, 1, bias: false);
        nonlin1 = nn.ReLU();
        conv2 = new SwitchableConv2d(outChannels * Scale, outChannels * Scale, 3, padding: 1);
        nonlin2 = nn.ReLU();
        conv3 = nn.Conv2d(outChannels * Scale, outChannels, 1, bias: false);
        nonlin3 = nn.ReLU();
        output = nn.Identity();
        RegisterComponents();
        // The original registers its per-step norms after the other modules, in step order.
        _norm1 = new BatchNorm2d[times];
        _norm2 = new BatchNorm2d[times];
        _norm3 = new BatchNorm2d[times];
        for (int t = 0; t < times; t++)
        {
            register_module($"norm1_{t}", _norm1[t] = nn.BatchNorm2d(outChannels * Scale));
            register_module($"norm2_{t}", _norm2[t] = nn.BatchNorm2d(outChannels * Scale));
            register_module($"norm3_{t}", _norm3[t] = nn.BatchNorm2d(outChannels));
        }
    }

    public override Tensor forward(Tensor input)
    {
        var x = conv_input.call(input);
        Tensor? result = null;
        for (int t = 0; t < _times; t++)
        {
            var residual = t == 0 ? norm_skip.call(skip.call(x)) : x;
            conv2.Stride = t == 0 ? 2 : 1;
            var y = nonlin1.call(_norm1[t].call(conv1.call(x)));
            y = nonlin2.call(_norm2[t].call(conv2.call(y)));
            y = _norm3[t].call(conv3.call(y));
            x = nonlin3.call(y + residual);
            result = output.call(x);
        }
        return result!;
    }
}

/// <summary>A bias-free 2-D convolution whose stride may change between calls (CORblock_S sets <c>conv2.stride</c>
/// per step), with the parameter name <c>weight</c> of <c>nn.Conv2d</c>.</summary>
public sealed class SwitchableConv2d : nn.Module<Tensor, Tensor>
{
    readonly long _padding;
#pragma warning disable IDE1006 // PyTorch's parameter name
    readonly Parameter weight;
#pragma warning restore IDE1006

    public SwitchableConv2d(long inChannels, long outChannels, long kernel, long padding) : base(nameof(SwitchableConv2d))
    {
        _padding = padding;
        // nn.Conv2d's default init (kaiming_uniform with a = √5), drawn from torch's generator as nn.Conv2d draws it.
        using (var template = nn.Conv2d(inChannels, outChannels, kernel, padding: padding, bias: false))
            weight = new Parameter(template.weight.detach().clone());
        RegisterComponents();
    }

    public long Stride { get; set; } = 1;

    public override Tensor forward(Tensor input) => nn.functional.conv2d(input, weight, strides: [Stride, Stride], padding: [_padding, _padding]);
}
