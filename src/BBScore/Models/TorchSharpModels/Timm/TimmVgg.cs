using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Timm;

/// <summary>timm's ConvMlp (VGG's <c>pre_logits</c>): the classifier's first two linear layers as convolutions,
/// <c>fc1</c> k×k and <c>fc2</c> 1×1, each followed by ReLU (<c>act1</c>, <c>act2</c>); a map smaller than the kernel is
/// first average-pooled up to k×k, as timm does.</summary>
public sealed class TimmConvMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly Conv2d fc1, fc2;
    readonly ReLU act1, act2;
    readonly Dropout drop;
#pragma warning restore IDE1006
    readonly int _kernel;

    public TimmConvMlp(int inputs, int features, int kernel = 7) : base("ConvMlp")
    {
        fc1 = nn.Conv2d(inputs, features, kernel);
        act1 = nn.ReLU();
        drop = nn.Dropout(0);
        fc2 = nn.Conv2d(features, features, 1);
        act2 = nn.ReLU();
        _kernel = kernel;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long height = x.shape[^2], width = x.shape[^1];
        if (height < _kernel || width < _kernel)
            x = nn.functional.adaptive_avg_pool2d(x, [Math.Max(_kernel, height), Math.Max(_kernel, width)]);
        return act2.call(fc2.call(drop.call(act1.call(fc1.call(x))))).MoveToOuterDisposeScope();
    }
}

/// <summary>timm's SelectAdaptivePool2d for average pooling: <c>pool</c> then <c>flatten</c>.</summary>
public sealed class TimmAveragePool : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly AdaptiveAvgPool2d pool;
    readonly Flatten flatten;
#pragma warning restore IDE1006

    public TimmAveragePool() : base("SelectAdaptivePool2d")
    {
        pool = nn.AdaptiveAvgPool2d(1);
        flatten = nn.Flatten(1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return flatten.call(pool.call(x)).MoveToOuterDisposeScope();
    }
}

/// <summary>timm's ClassifierHead: <c>global_pool</c>, <c>drop</c>, <c>fc</c>, <c>flatten</c> (identity).</summary>
public sealed class TimmClassifierHead : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly TimmAveragePool global_pool;
    readonly Dropout drop;
    readonly Linear fc;
    readonly Identity flatten;
#pragma warning restore IDE1006

    public TimmClassifierHead(int features, int classes) : base("ClassifierHead")
    {
        global_pool = new TimmAveragePool();
        drop = nn.Dropout(0);
        fc = nn.Linear(features, classes);
        flatten = nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return flatten.call(fc.call(drop.call(global_pool.call(x)))).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// timm's VGG (timm/models/vgg.py), module for module so the hub's timm checkpoints (<c>timm/vgg19.tv_in1k</c>: the
/// torchvision weights with the classifier's linear layers reshaped into convolutions) load by name: <c>features</c>
/// as torchvision's (3×3 convs with ReLU, 2×2 max pools), <c>pre_logits</c> (<see cref="TimmConvMlp"/>), <c>head</c>
/// (<see cref="TimmClassifierHead"/>).
/// </summary>
public sealed class TimmVgg : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly Sequential features;
    readonly TimmConvMlp pre_logits;
    readonly TimmClassifierHead head;
#pragma warning restore IDE1006

    /// <summary>timm's layer tables: a width per 3×3 conv, 0 for a max pool.</summary>
    public static IReadOnlyDictionary<string, int[]> Configurations { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["vgg11"] = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        ["vgg13"] = [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        ["vgg16"] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
        ["vgg19"] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
    };

    public TimmVgg(IReadOnlyList<int> layers, int features, int classes) : base("VGG")
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        int channels = 3;
        foreach (int width in layers)
        {
            if (width == 0)
            {
                modules.Add(nn.MaxPool2d(2, 2));
                continue;
            }
            modules.Add(nn.Conv2d(channels, width, 3, padding: 1));
            modules.Add(nn.ReLU());
            channels = width;
        }
        this.features = nn.Sequential(modules.ToArray());
        pre_logits = new TimmConvMlp(channels, features);
        head = new TimmClassifierHead(features, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return head.call(pre_logits.call(features.call(images))).MoveToOuterDisposeScope();
    }
}
