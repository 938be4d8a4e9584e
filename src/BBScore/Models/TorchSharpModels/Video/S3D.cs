using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>The widths of an S3D: the stem's three convolutions (torchvision 64, 64, 192) and, per inception block,
/// torchvision's <c>SepInceptionBlock3D</c> arguments (in, b0_out, b1_mid, b1_out, b2_mid, b2_out, b3_out).</summary>
public sealed record S3DConfig(int[] Stem, int[][] Blocks, int Classes)
{
    /// <summary>torchvision's s3d (Kinetics-400).</summary>
    public static S3DConfig Torchvision { get; } = new([64, 64, 192],
    [
        [192, 64, 96, 128, 16, 32, 32], [256, 128, 128, 192, 32, 96, 64],
        [480, 192, 96, 208, 16, 48, 64], [512, 160, 112, 224, 24, 64, 64], [512, 128, 128, 256, 24, 64, 64],
        [512, 112, 144, 288, 32, 64, 64], [528, 256, 160, 320, 32, 128, 128],
        [832, 256, 160, 320, 32, 128, 128], [832, 384, 192, 384, 48, 128, 128],
    ], VideoResNetConfig.KineticsClasses);

    /// <summary>Every width divided by <paramref name="divisor"/>, rounded down (the test fixtures' reduced network).</summary>
    public S3DConfig Divided(int divisor) =>
        this with { Stem = Stem.Select(w => w / divisor).ToArray(), Blocks = Blocks.Select(b => b.Select(w => w / divisor).ToArray()).ToArray() };

    /// <summary>The output width of a block: its four branches concatenated.</summary>
    public static int BlockOutput(int[] block) => block[1] + block[3] + block[5] + block[6];
}

/// <summary>torchvision's S3D, module for module so that module paths and state_dict keys are torchvision's:
/// <c>features.0..15</c> (separable stem, max pools at 1, 4, 7, 13, inception blocks at 5–6, 8–12, 14–15), <c>avgpool</c>
/// (2×7×7, so clips need at least 13 frames at 224×224), <c>classifier</c> (dropout, 1×1×1 conv), then the mean over
/// time and space. Takes (B, C, T, H, W). BatchNorm eps 0.001 as torchvision's.</summary>
public sealed class S3D : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential features;
    readonly AvgPool3d avgpool;
    readonly Sequential classifier;
#pragma warning restore IDE1006

    public S3D(S3DConfig config) : base(nameof(S3D))
    {
        if (config.Stem.Length != 3 || config.Blocks.Length != 9 || config.Blocks.Any(b => b.Length != 7))
            throw new ArgumentException("An S3D has a stem of three widths and nine inception blocks of seven widths each.", nameof(config));
        var blocks = config.Blocks.Select(b => (nn.Module<Tensor, Tensor>)new SepInceptionBlock3D(b)).ToArray();
        features = nn.Sequential(
            TemporalSeparableConv(3, config.Stem[0], 7, 2, 3),
            nn.MaxPool3d((1, 3, 3), (1, 2, 2), (0, 1, 1)),
            ConvBnRelu(config.Stem[0], config.Stem[1], (1, 1, 1), (1, 1, 1), (0, 0, 0)),
            TemporalSeparableConv(config.Stem[1], config.Stem[2], 3, 1, 1),
            nn.MaxPool3d((1, 3, 3), (1, 2, 2), (0, 1, 1)),
            blocks[0], blocks[1],
            nn.MaxPool3d((3, 3, 3), (2, 2, 2), (1, 1, 1)),
            blocks[2], blocks[3], blocks[4], blocks[5], blocks[6],
            nn.MaxPool3d((2, 2, 2), (2, 2, 2), (0, 0, 0)),
            blocks[7], blocks[8]);
        avgpool = nn.AvgPool3d((2, 7, 7), (1, 1, 1));
        classifier = nn.Sequential(nn.Dropout(0.2), nn.Conv3d(S3DConfig.BlockOutput(config.Blocks[8]), config.Classes, (1, 1, 1), bias: true));
        RegisterComponents();
    }

    /// <summary>torchvision's <c>Conv3dNormActivation</c>: conv without bias, BatchNorm (eps 0.001), ReLU.</summary>
    internal static Sequential ConvBnRelu(long input, long output, (long, long, long) kernel, (long, long, long) stride, (long, long, long) padding) =>
        nn.Sequential(nn.Conv3d(input, output, kernel, stride: stride, padding: padding, bias: false), nn.BatchNorm3d(output, eps: 0.001), nn.ReLU());

    /// <summary>torchvision's <c>TemporalSeparableConv</c>: a 1×k×k spatial then a k×1×1 temporal <see cref="ConvBnRelu"/>.</summary>
    internal static Sequential TemporalSeparableConv(long input, long output, long kernel, long stride, long padding) =>
        nn.Sequential(
            ConvBnRelu(input, output, (1, kernel, kernel), (1, stride, stride), (0, padding, padding)),
            ConvBnRelu(output, output, (kernel, 1, 1), (stride, 1, 1), (padding, 0, 0)));

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = classifier.call(avgpool.call(features.call(input)));
        return x.mean([2, 3, 4]).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's <c>SepInceptionBlock3D</c>: four branches (1×1×1; 1×1×1 then separable 3×3×3 twice over;
/// 3×3×3 max pool then 1×1×1) concatenated over channels.</summary>
public sealed class SepInceptionBlock3D : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential branch0;
    readonly Sequential branch1;
    readonly Sequential branch2;
    readonly Sequential branch3;
#pragma warning restore IDE1006

    /// <param name="widths">(in, b0_out, b1_mid, b1_out, b2_mid, b2_out, b3_out), as torchvision's arguments.</param>
    public SepInceptionBlock3D(int[] widths) : base(nameof(SepInceptionBlock3D))
    {
        int input = widths[0];
        branch0 = S3D.ConvBnRelu(input, widths[1], (1, 1, 1), (1, 1, 1), (0, 0, 0));
        branch1 = nn.Sequential(S3D.ConvBnRelu(input, widths[2], (1, 1, 1), (1, 1, 1), (0, 0, 0)), S3D.TemporalSeparableConv(widths[2], widths[3], 3, 1, 1));
        branch2 = nn.Sequential(S3D.ConvBnRelu(input, widths[4], (1, 1, 1), (1, 1, 1), (0, 0, 0)), S3D.TemporalSeparableConv(widths[4], widths[5], 3, 1, 1));
        branch3 = nn.Sequential(nn.MaxPool3d((3, 3, 3), (1, 1, 1), (1, 1, 1)), S3D.ConvBnRelu(input, widths[6], (1, 1, 1), (1, 1, 1), (0, 0, 0)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([branch0.call(input), branch1.call(input), branch2.call(input), branch3.call(input)], 1).MoveToOuterDisposeScope();
    }
}
