using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>torchvision's Conv2dNormActivation: <c>0</c> Conv2d without bias (padding (k − 1)/2), <c>1</c>
/// BatchNorm2d, <c>2</c> SiLU when it has an activation.</summary>
static class ConvNormActivation
{
    public static Sequential Create(int inputs, int outputs, int kernel, int stride = 1, int groups = 1, bool silu = true)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
            nn.BatchNorm2d(outputs),
        };
        if (silu) layers.Add(nn.SiLU());
        return nn.Sequential(layers.ToArray());
    }
}

/// <summary>torchvision's SqueezeExcitation with EfficientNet's SiLU: <c>avgpool</c>, <c>fc1</c>, <c>activation</c>,
/// <c>fc2</c>, <c>scale_activation</c> (sigmoid); the input times the scale.</summary>
public sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly AdaptiveAvgPool2d avgpool;
    readonly Conv2d fc1, fc2;
    readonly SiLU activation;
    readonly Sigmoid scale_activation;
#pragma warning restore IDE1006

    public SqueezeExcitation(int channels, int squeeze) : base(nameof(SqueezeExcitation))
    {
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc1 = nn.Conv2d(channels, squeeze, 1);
        activation = nn.SiLU();
        fc2 = nn.Conv2d(squeeze, channels, 1);
        scale_activation = nn.Sigmoid();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var scale = scale_activation.call(fc2.call(activation.call(fc1.call(avgpool.call(input)))));
        return (scale * input).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's MBConv: <c>block</c> = [expand 1×1 (when the ratio is not 1), depthwise k×k, squeeze-excite,
/// project 1×1 without activation], plus the input when stride 1 keeps the width; <c>stochastic_depth</c> is the
/// identity at inference.</summary>
public sealed class MBConv : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential block;
    readonly Identity stochastic_depth;
#pragma warning restore IDE1006
    readonly bool _residual;

    public MBConv(double expandRatio, int kernel, int stride, int inputs, int outputs) : base(nameof(MBConv))
    {
        int expanded = EfficientNet.AdjustChannels(inputs, expandRatio);
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expanded != inputs) layers.Add(ConvNormActivation.Create(inputs, expanded, 1));
        layers.Add(ConvNormActivation.Create(expanded, expanded, kernel, stride, groups: expanded));
        layers.Add(new SqueezeExcitation(expanded, Math.Max(1, inputs / 4)));
        layers.Add(ConvNormActivation.Create(expanded, outputs, 1, silu: false));
        block = nn.Sequential(layers.ToArray());
        stochastic_depth = nn.Identity();
        _residual = stride == 1 && inputs == outputs;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (!_residual) return block.call(input);
        using var scope = NewDisposeScope();
        return (stochastic_depth.call(block.call(input)) + input).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// torchvision's EfficientNet (B0–B2 here; TorchVision for .NET has none), module for module so its state dicts load
/// by name: <c>features.0</c> stem (3×3 stride 2), <c>features.1–7</c> stages of <see cref="MBConv"/>s from B0's table
/// scaled by width and depth multipliers (channels rounded to multiples of 8 as torchvision's _make_divisible, depths
/// rounded up), <c>features.8</c> 1×1 to 4× the last width, <c>avgpool</c>, <c>classifier</c> = [Dropout, Linear].
/// </summary>
public sealed class EfficientNet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential features;
    readonly AdaptiveAvgPool2d avgpool;
    readonly Sequential classifier;
#pragma warning restore IDE1006

    /// <summary>B0's stages: expand ratio, kernel, stride, input and output width, layers.</summary>
    static readonly (double Expand, int Kernel, int Stride, int Inputs, int Outputs, int Layers)[] B0Stages =
    [
        (1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3),
        (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1),
    ];

    public static EfficientNet B0(int classes) => new(1.0, 1.0, 0.2, classes);

    public static EfficientNet B1(int classes) => new(1.0, 1.1, 0.2, classes);

    public static EfficientNet B2(int classes) => new(1.1, 1.2, 0.3, classes);

    public EfficientNet(double widthMult, double depthMult, double dropout, int classes) : base(nameof(EfficientNet))
    {
        var stages = B0Stages.Select(s => (s.Expand, s.Kernel, s.Stride, Inputs: AdjustChannels(s.Inputs, widthMult),
            Outputs: AdjustChannels(s.Outputs, widthMult), Layers: (int)Math.Ceiling(s.Layers * depthMult))).ToArray();
        var layers = new List<nn.Module<Tensor, Tensor>> { ConvNormActivation.Create(3, stages[0].Inputs, 3, stride: 2) };
        foreach (var stage in stages)
            layers.Add(nn.Sequential(Enumerable.Range(0, stage.Layers).Select(i => (nn.Module<Tensor, Tensor>)new MBConv(
                stage.Expand, stage.Kernel, i == 0 ? stage.Stride : 1, i == 0 ? stage.Inputs : stage.Outputs, stage.Outputs)).ToArray()));
        int last = 4 * stages[^1].Outputs;
        layers.Add(ConvNormActivation.Create(stages[^1].Outputs, last, 1));
        features = nn.Sequential(layers.ToArray());
        avgpool = nn.AdaptiveAvgPool2d(1);
        classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(last, classes));
        RegisterComponents();
    }

    /// <summary>torchvision's _make_divisible(channels · multiplier, 8): nearest multiple of 8, at least 8, never
    /// more than 10% below the unrounded width.</summary>
    public static int AdjustChannels(int channels, double multiplier)
    {
        double value = channels * multiplier;
        int rounded = Math.Max(8, (int)(value + 4) / 8 * 8);
        return rounded < 0.9 * value ? rounded + 8 : rounded;
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classifier.call(avgpool.call(features.call(images)).flatten(1)).MoveToOuterDisposeScope();
    }
}
