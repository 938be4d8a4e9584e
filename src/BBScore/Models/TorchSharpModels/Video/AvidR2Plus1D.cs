using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>AVID / AVID-CMA's video network (Morgado et al. 2021, after VMZ's R(2+1)D): a 3×7×7 stem with a spatial
/// max pool, four stages of two <see cref="AvidR2Plus1DBlock"/>s (the widths: 64/128/256/512 published, smaller in
/// tests; stages 2–4 stride time and space by 2), then a global max pool. Module paths are the original's
/// (<c>conv1</c>, <c>conv2x</c> … <c>conv5x</c>, <c>pool</c>), which its checkpoints' <c>video_model.*</c> entries
/// name. Takes (B, C, T, H, W); returns the pooled (B, 512, 1, 1, 1) map, as the original does.</summary>
public sealed class AvidR2Plus1D : nn.Module<Tensor, Tensor>
{
    /// <summary>The published depth-18 widths.</summary>
    public static readonly IReadOnlyList<int> PublishedWidths = [64, 128, 256, 512];

#pragma warning disable IDE1006 // the original's module names
    readonly Sequential conv1;
    readonly Sequential conv2x;
    readonly Sequential conv3x;
    readonly Sequential conv4x;
    readonly Sequential conv5x;
    readonly GlobalMaxPool3d pool;
#pragma warning restore IDE1006

    public AvidR2Plus1D(IReadOnlyList<int> widths) : base("R2Plus1D")
    {
        if (widths.Count != 4) throw new ArgumentException("AVID's R(2+1)D has four stages: give one width per stage.", nameof(widths));
        conv1 = nn.Sequential(
            nn.Conv3d(3, widths[0], (3, 7, 7), stride: (1, 2, 2), padding: (1, 3, 3), bias: false),
            nn.BatchNorm3d(widths[0]),
            nn.ReLU(),
            nn.MaxPool3d((1, 3, 3), stride: (1, 2, 2), padding: (0, 1, 1)));
        var stages = new Sequential[4];
        int inplanes = widths[0];
        for (int i = 0; i < 4; i++)
        {
            int stride = i == 0 ? 1 : 2;
            stages[i] = nn.Sequential(new AvidR2Plus1DBlock(inplanes, widths[i], stride), new AvidR2Plus1DBlock(widths[i], widths[i], 1));
            inplanes = widths[i];
        }
        (conv2x, conv3x, conv4x, conv5x) = (stages[0], stages[1], stages[2], stages[3]);
        pool = new GlobalMaxPool3d();
        RegisterComponents();
    }

    public static AvidR2Plus1D Published() => new(PublishedWidths);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return pool.call(conv5x.call(conv4x.call(conv3x.call(conv2x.call(conv1.call(input)))))).MoveToOuterDisposeScope();
    }
}

/// <summary>AVID's <c>BasicR2P1DBlock</c>: two factorised convolutions, each a 1×3×3 spatial conv, BN, ReLU and a 3×1×1
/// temporal conv at the block's full width (unlike torchvision's mid-plane count); BN and ReLU after the first
/// temporal conv; the second is added to the input (through a strided 1×1×1 <c>res_conv</c> when the shape changes)
/// before <c>out_bn</c> and the ReLU. The stride splits into a spatial (first spatial conv) and a temporal (first
/// temporal conv) part.</summary>
public sealed class AvidR2Plus1DBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's module names
    readonly Conv3d spt_conv1;
    readonly BatchNorm3d spt_bn1;
    readonly Conv3d tmp_conv1;
    readonly BatchNorm3d tmp_bn1;
    readonly Conv3d spt_conv2;
    readonly BatchNorm3d spt_bn2;
    readonly Conv3d tmp_conv2;
    readonly BatchNorm3d out_bn;
    readonly ReLU relu;
    readonly Conv3d? res_conv;
#pragma warning restore IDE1006

    public AvidR2Plus1DBlock(int inPlanes, int outPlanes, int stride) : base("BasicR2P1DBlock")
    {
        spt_conv1 = nn.Conv3d(inPlanes, outPlanes, (1, 3, 3), stride: (1, stride, stride), padding: (0, 1, 1), bias: false);
        spt_bn1 = nn.BatchNorm3d(outPlanes);
        tmp_conv1 = nn.Conv3d(outPlanes, outPlanes, (3, 1, 1), stride: (stride, 1, 1), padding: (1, 0, 0), bias: false);
        tmp_bn1 = nn.BatchNorm3d(outPlanes);
        spt_conv2 = nn.Conv3d(outPlanes, outPlanes, (1, 3, 3), stride: (1, 1, 1), padding: (0, 1, 1), bias: false);
        spt_bn2 = nn.BatchNorm3d(outPlanes);
        tmp_conv2 = nn.Conv3d(outPlanes, outPlanes, (3, 1, 1), stride: (1, 1, 1), padding: (1, 0, 0), bias: false);
        out_bn = nn.BatchNorm3d(outPlanes);
        relu = nn.ReLU();
        if (inPlanes != outPlanes || stride != 1)
            res_conv = nn.Conv3d(inPlanes, outPlanes, (1, 1, 1), stride: (stride, stride, stride), bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = relu.call(tmp_bn1.call(tmp_conv1.call(relu.call(spt_bn1.call(spt_conv1.call(input))))));
        x = tmp_conv2.call(relu.call(spt_bn2.call(spt_conv2.call(x))));
        var residual = res_conv is null ? input : res_conv.call(input);
        return relu.call(out_bn.call(x + residual)).MoveToOuterDisposeScope();
    }
}

/// <summary><c>AdaptiveMaxPool3d((1, 1, 1))</c>: the maximum over time and space, kept as (B, C, 1, 1, 1). Written as a
/// reduction because TorchSharp's adaptive 3-D max pool fails on CPU (a null reference inside its binding).</summary>
public sealed class GlobalMaxPool3d() : nn.Module<Tensor, Tensor>("AdaptiveMaxPool3d")
{
    public override Tensor forward(Tensor input) => input.amax([2, 3, 4], keepdim: true);
}
