using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>torchvision's ConvNeXt (TorchVision for .NET has none), module for module so that module paths
/// and state_dict keys are torchvision's: <c>features.0</c> stem, <c>features.1/3/5/7</c> stages of
/// <see cref="ConvNeXtBlock"/>s, <c>features.2/4/6</c> downsampling, <c>avgpool</c>, <c>classifier.0..2</c>
/// (LayerNorm2d, Flatten, Linear). Inference only: stochastic depth is the identity in eval mode.</summary>
public sealed class ConvNeXt : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential features;
    readonly AdaptiveAvgPool2d avgpool;
    readonly Sequential classifier;
#pragma warning restore IDE1006

    public static ConvNeXt Tiny(int classes) => new([96, 192, 384, 768], [3, 3, 9, 3], classes);

    public static ConvNeXt Small(int classes) => new([96, 192, 384, 768], [3, 3, 27, 3], classes);

    public static ConvNeXt Base(int classes) => new([128, 256, 512, 1024], [3, 3, 27, 3], classes);

    /// <summary>torchvision convnext_large: widths 192/384/768/1536, depths 3/3/27/3.</summary>
    public static ConvNeXt Large(int classes) => new([192, 384, 768, 1536], [3, 3, 27, 3], classes);

    public ConvNeXt(int[] widths, int[] depths, int classes) : base(nameof(ConvNeXt))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Sequential(nn.Conv2d(3, widths[0], 4, stride: 4), new LayerNorm2d(widths[0])),
        };
        for (int stage = 0; stage < widths.Length; stage++)
        {
            layers.Add(nn.Sequential(Enumerable.Range(0, depths[stage]).Select(_ => (nn.Module<Tensor, Tensor>)new ConvNeXtBlock(widths[stage])).ToArray()));
            if (stage + 1 < widths.Length)
                layers.Add(nn.Sequential(new LayerNorm2d(widths[stage]), nn.Conv2d(widths[stage], widths[stage + 1], 2, stride: 2)));
        }
        features = nn.Sequential(layers.ToArray());
        avgpool = nn.AdaptiveAvgPool2d(1);
        classifier = nn.Sequential(new LayerNorm2d(widths[^1]), nn.Flatten(1), nn.Linear(widths[^1], classes));
        RegisterComponents();
        InitialiseAsTorchvision();
    }

    /// <summary>torchvision's init: truncated normal (std 0.02) for conv and linear weights, zero biases.</summary>
    void InitialiseAsTorchvision()
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is not null) nn.init.trunc_normal_(weight, std: 0.02);
            if (bias is not null) nn.init.zeros_(bias);
        }
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return classifier.call(avgpool.call(features.call(input))).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's CNBlock: <c>block</c> = depthwise 7×7 conv, channels-last LayerNorm, Linear ×4,
/// GELU, Linear back (indices 0, 2, 3, 4, 5; 1 and 6 are permutes), scaled by <c>layer_scale</c> and added
/// to the input.</summary>
public sealed class ConvNeXtBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's parameter and module names
    readonly Sequential block;
    readonly Parameter layer_scale;
    readonly Identity stochastic_depth; // identity in eval mode; kept so module paths are torchvision's
#pragma warning restore IDE1006

    public ConvNeXtBlock(int width) : base("CNBlock")
    {
        block = nn.Sequential(
            nn.Conv2d(width, width, 7, padding: 3, groups: width),
            new Permute(0, 2, 3, 1),
            nn.LayerNorm(width, eps: 1e-6),
            nn.Linear(width, 4 * width),
            nn.GELU(),
            nn.Linear(4 * width, width),
            new Permute(0, 3, 1, 2));
        layer_scale = nn.Parameter(ones(width, 1, 1) * 1e-6);
        stochastic_depth = nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return (stochastic_depth.call(layer_scale * block.call(input)) + input).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's LayerNorm2d: LayerNorm over the channels of an NCHW tensor (eps 1e-6).</summary>
public sealed class LayerNorm2d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's parameter names
    readonly Parameter weight;
    readonly Parameter bias;
#pragma warning restore IDE1006
    readonly long _channels;

    public LayerNorm2d(long channels) : base(nameof(LayerNorm2d))
    {
        _channels = channels;
        weight = nn.Parameter(ones(channels));
        bias = nn.Parameter(zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var normalised = nn.functional.layer_norm(input.permute(0, 2, 3, 1), [_channels], weight, bias, 1e-6);
        return normalised.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's Permute module (no parameters; a module only so indices match torchvision's).</summary>
public sealed class Permute(params long[] order) : nn.Module<Tensor, Tensor>(nameof(Permute))
{
    public override Tensor forward(Tensor input) => input.permute(order);
}
