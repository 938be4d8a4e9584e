using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>The video tower of GDT (Patrick et al. 2021) and SeLaVi (Asano et al. 2020), their <c>VideoBaseNetwork</c>:
/// a torchvision R(2+1)D-18 under the name <c>base</c>, its classifier replaced by an identity, so its output is the
/// 512-d pooled clip feature. The original keeps only this tower of the audio-visual model and loads the checkpoint's
/// <c>video_network.*</c> entries into it, so module paths are <c>base.stem</c>, <c>base.layer1</c> … <c>base.avgpool</c>.
/// GDT's copy of the ResNet returns the pooled (B, 512, 1, 1, 1) map where torchvision's flattens it; the original
/// squeezes either to (B, 512), as this does (without squeezing a batch of one to a vector).</summary>
public sealed class VideoBaseNetwork : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's module name
    readonly VideoResNet @base;
#pragma warning restore IDE1006

    public VideoBaseNetwork(VideoResNetConfig config) : base(nameof(VideoBaseNetwork))
    {
        @base = new VideoResNet(config with { Classes = 0 });
        RegisterComponents();
    }

    /// <summary>torchvision's R(2+1)D-18 widths and stem without its classifier: the published encoders' network.</summary>
    public static VideoBaseNetwork R2Plus1d18() => new(VideoResNetConfig.R2Plus1d18);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return @base.call(input).flatten(1).MoveToOuterDisposeScope();
    }
}
