using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>The convolution of a torchvision video ResNet stage: <c>Conv3DSimple</c> (3×3×3),
/// <c>Conv3DNoTemporal</c> (1×3×3) or <c>Conv2Plus1D</c> (1×3×3 spatial, BN, ReLU, 3×1×1 temporal).</summary>
public enum VideoConv { Simple3D, NoTemporal3D, TwoPlusOneD }

/// <summary>A video ResNet-18 as torchvision builds it: one convolution kind per stage, stage widths
/// (torchvision: 64/128/256/512; smaller in tests), the stem (<see cref="R2Plus1dStemWidth"/> set: the R(2+1)D
/// stem with that many channels between its spatial and temporal convs, torchvision 45; null: the basic stem).
/// <see cref="Classes"/> 0: <c>fc</c> is an identity (the self-supervised encoders replace the classifier so).</summary>
public sealed record VideoResNetConfig(VideoConv[] Convs, int[] Widths, int? R2Plus1dStemWidth, int Classes)
{
    static readonly int[] TorchvisionWidths = [64, 128, 256, 512];

    /// <summary>Kinetics-400: the classes of torchvision's published weights.</summary>
    public const int KineticsClasses = 400;

    public static VideoResNetConfig R3d18 { get; } = new([VideoConv.Simple3D, VideoConv.Simple3D, VideoConv.Simple3D, VideoConv.Simple3D], TorchvisionWidths, null, KineticsClasses);

    public static VideoResNetConfig Mc3_18 { get; } = new([VideoConv.Simple3D, VideoConv.NoTemporal3D, VideoConv.NoTemporal3D, VideoConv.NoTemporal3D], TorchvisionWidths, null, KineticsClasses);

    public static VideoResNetConfig R2Plus1d18 { get; } = new([VideoConv.TwoPlusOneD, VideoConv.TwoPlusOneD, VideoConv.TwoPlusOneD, VideoConv.TwoPlusOneD], TorchvisionWidths, 45, KineticsClasses);
}

/// <summary>torchvision's <c>VideoResNet</c> with <c>BasicBlock</c>s, two per stage (r3d_18, mc3_18, r2plus1d_18),
/// module for module so that module paths and state_dict keys are torchvision's: <c>stem</c>, <c>layer1..4</c>,
/// <c>avgpool</c>, <c>fc</c>. Takes torchvision's layout (B, C, T, H, W). Inference only: the weights come from a
/// checkpoint, so torch's default initialisation is kept.</summary>
public sealed class VideoResNet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential stem;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;
    readonly AdaptiveAvgPool3d avgpool;
    readonly nn.Module<Tensor, Tensor> fc;
#pragma warning restore IDE1006

    public VideoResNet(VideoResNetConfig config) : base(nameof(VideoResNet))
    {
        if (config.Convs.Length != 4 || config.Widths.Length != 4)
            throw new ArgumentException("A video ResNet has four stages: give one convolution kind and one width per stage.", nameof(config));
        int width = config.Widths[0];
        stem = config.R2Plus1dStemWidth is int mid
            ? nn.Sequential(
                nn.Conv3d(3, mid, (1, 7, 7), stride: (1, 2, 2), padding: (0, 3, 3), bias: false), nn.BatchNorm3d(mid), nn.ReLU(),
                nn.Conv3d(mid, width, (3, 1, 1), stride: (1, 1, 1), padding: (1, 0, 0), bias: false), nn.BatchNorm3d(width), nn.ReLU())
            : nn.Sequential(
                nn.Conv3d(3, width, (3, 7, 7), stride: (1, 2, 2), padding: (1, 3, 3), bias: false), nn.BatchNorm3d(width), nn.ReLU());
        var stages = new Sequential[4];
        int inplanes = width;
        for (int i = 0; i < 4; i++)
        {
            int planes = config.Widths[i], stride = i == 0 ? 1 : 2;
            stages[i] = nn.Sequential(
                new VideoBasicBlock(inplanes, planes, config.Convs[i], stride),
                new VideoBasicBlock(planes, planes, config.Convs[i], 1));
            inplanes = planes;
        }
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3]);
        avgpool = nn.AdaptiveAvgPool3d((1, 1, 1));
        fc = config.Classes > 0 ? nn.Linear(config.Widths[3], config.Classes) : nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = layer4.call(layer3.call(layer2.call(layer1.call(stem.call(input)))));
        return fc.call(avgpool.call(x).flatten(1)).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's video <c>BasicBlock</c>: <c>conv1</c> = (conv, BN, ReLU), <c>conv2</c> = (conv, BN),
/// plus the input (through <c>downsample</c>, a strided 1×1×1 conv and BN, when the shape changes), then <c>relu</c>.
/// The (2+1)D convs of both halves use the block's mid-plane count, computed from its input and output widths so
/// that the factorised conv has as many parameters as a full 3×3×3 one.</summary>
public sealed class VideoBasicBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Sequential conv1;
    readonly Sequential conv2;
    readonly ReLU relu;
    readonly Sequential? downsample;
#pragma warning restore IDE1006

    public VideoBasicBlock(int inplanes, int planes, VideoConv conv, int stride) : base("BasicBlock")
    {
        int midplanes = inplanes * planes * 3 * 3 * 3 / (inplanes * 3 * 3 + 3 * planes);
        conv1 = nn.Sequential(Conv(conv, inplanes, planes, midplanes, stride), nn.BatchNorm3d(planes), nn.ReLU());
        conv2 = nn.Sequential(Conv(conv, planes, planes, midplanes, 1), nn.BatchNorm3d(planes));
        relu = nn.ReLU();
        if (stride != 1 || inplanes != planes)
        {
            // Conv3DNoTemporal keeps the time axis; the others stride it too.
            long temporal = conv == VideoConv.NoTemporal3D ? 1 : stride;
            downsample = nn.Sequential(
                nn.Conv3d(inplanes, planes, (1, 1, 1), stride: (temporal, stride, stride), bias: false), nn.BatchNorm3d(planes));
        }
        RegisterComponents();
    }

    static nn.Module<Tensor, Tensor> Conv(VideoConv conv, int inplanes, int planes, int midplanes, int stride) => conv switch
    {
        VideoConv.Simple3D => nn.Conv3d(inplanes, planes, 3, stride: stride, padding: 1, bias: false),
        VideoConv.NoTemporal3D => nn.Conv3d(inplanes, planes, (1, 3, 3), stride: (1, stride, stride), padding: (0, 1, 1), bias: false),
        VideoConv.TwoPlusOneD => nn.Sequential(
            nn.Conv3d(inplanes, midplanes, (1, 3, 3), stride: (1, stride, stride), padding: (0, 1, 1), bias: false),
            nn.BatchNorm3d(midplanes),
            nn.ReLU(),
            nn.Conv3d(midplanes, planes, (3, 1, 1), stride: (stride, 1, 1), padding: (1, 0, 0), bias: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(conv), conv, null),
    };

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = downsample is null ? input : downsample.call(input);
        return relu.call(conv2.call(conv1.call(input)) + residual).MoveToOuterDisposeScope();
    }
}
