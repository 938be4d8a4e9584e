using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>One torchvision video key: its published weights (<c>&lt;Weights&gt;.DEFAULT.url</c>), the C# network they load
/// into, the rate clips are re-timed to (the original's fps table) and the frames' preprocessing
/// (<c>&lt;Weights&gt;.DEFAULT.transforms()</c>).</summary>
/// <param name="TimeMajor">Regroup (B, C, T, H, W) outputs to (B, T, −1) (the CNNs' postprocess); false keeps outputs as
/// they are (MViT's postprocess, squeeze(1), changes none of its outputs).</param>
/// <param name="Keys">How the checkpoint's keys become the network's (null: as they are).</param>
/// <param name="Fold">Overrides <paramref name="TimeMajor"/>'s regrouping (V-JEPA folds its tokens into frames; Swin3D's maps are
/// channels-last).</param>
public sealed record TorchvisionVideoSpec(string Key, string Url, Func<nn.Module<Tensor, Tensor>> Build, double Fps, ImagePreprocessSpec Preprocessing,
    bool TimeMajor = true, StateDictKeyMap? Keys = null, TokenFold? Fold = null) : IUrlCheckpointSpec
{
    /// <summary>The original pads (repeats the last frame) or subsamples MViT clips to 16 frames, pads S3D clips to at
    /// least 13 and leaves the video ResNets' clips at their length after re-timing; here every key takes 16, as the
    /// spec's table says, so that a batch has one frame count (and S3D's 2×7×7 average pool has the 13 it needs).</summary>
    public const int Frames = 16;

    /// <summary>torchvision's layout (B, C, T, H, W), outputs regrouped as <see cref="TimeMajor"/> says.</summary>
    public TorchClipSpec Clip { get; } = new(Frames, Fps, Fold ?? (TimeMajor ? new TokenFold.TimeAxis() : null), ChannelsBeforeTime: true);

    public Func<string, IReadOnlyList<string>>? Aliases => null;

    public nn.Module<Tensor, Tensor> BuildAndLoad(string path) =>
        UrlCheckpointFamily.BuildThenLoad(Build, network => TorchCheckpoint.LoadInto(network, path, keys: Keys));
}

/// <summary>The torchvision video keys built in C# (spec §3.2 TorchVideoModels), from torchvision's
/// models/video sources, and the other video keys whose checkpoints are the same kind of torch.save file at a URL:
/// V-JEPA's two and the audio-visual encoders (<see cref="AudioVisualVideoModels"/>).</summary>
public static class TorchvisionVideoModels
{
    /// <summary>Kinetics-400 statistics, torchvision's <c>VideoClassification</c> defaults.</summary>
    public static readonly IReadOnlyList<float> KineticsMean = [0.43216f, 0.394666f, 0.37645f];
    public static readonly IReadOnlyList<float> KineticsStd = [0.22803f, 0.22145f, 0.216989f];

    /// <summary>torchvision's <c>VideoClassification(crop_size, resize_size)</c> per frame: bilinear resize (a (h, w)
    /// pair is an exact size; one number the shorter side), centre crop, [0, 1], Kinetics normalisation. Pillow's
    /// bilinear filter antialiases as torchvision ≥ 0.17 does on tensors; the resized frame is rounded to 8 bits
    /// (torchvision keeps floats).</summary>
    static ImagePreprocessSpec VideoClassification(ResizeRule resize, int crop, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null) =>
        new($"torchvision VideoClassification ({resize.Describe()}, bilinear, centre-crop {crop}, " +
            (mean is null ? "Kinetics mean/std)" : $"mean {string.Join("/", mean)} std {string.Join("/", std!)})"),
            resize, PilResampleFilter.Bilinear, (crop, crop), 1.0 / 255.0, mean ?? KineticsMean, std ?? KineticsStd);

    static readonly ImagePreprocessSpec VideoResNetFrames = VideoClassification(new ResizeToSize(128, 171), 112);

    /// <summary>MViT's weights (ported from PyTorchVideo / SlowFast) take the shorter side to 256 and mean 0.45, std 0.225.</summary>
    static readonly ImagePreprocessSpec MViTFrames = VideoClassification(new ResizeShortestEdge(256), 224, [0.45f, 0.45f, 0.45f], [0.225f, 0.225f, 0.225f]);

    /// <summary>The original's V-JEPA transform: F.interpolate to 224×224 (bilinear, no antialiasing: here Pillow's,
    /// which antialiases when shrinking), [0, 1], ImageNet mean and std.</summary>
    static readonly ImagePreprocessSpec VJepaFrames = new("V-JEPA: resize to 224x224 (bilinear), ImageNet normalisation",
        new ResizeToSize(224, 224), PilResampleFilter.Bilinear, null, 1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    /// <summary>Swin3D's weights (ported from the Video Swin Transformer paper): shorter side 256, ImageNet mean and std
    /// (torchvision's <c>VideoClassification(crop_size=(224, 224), resize_size=(256,), mean=..., std=...)</c>).</summary>
    static readonly ImagePreprocessSpec Swin3DFrames = VideoClassification(new ResizeShortestEdge(256), 224, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    /// <summary>Swin3D's outputs are channels-last (B, T', H', W', C) but for these two modules' (B, C, T', H', W'); with
    /// 16 frames T' = 8 (the patch's 2 frames; patch merging keeps T).</summary>
    static readonly TokenFold Swin3DFold = new TokenFold.ChannelsLastTime(new HashSet<string>(["patch_embed.proj", "avgpool"], StringComparer.Ordinal));

    static readonly StateDictKeyMap VJepaKeys = new() { Rewrites = [KeyRewrite.Prefix("backbone.", "")] };

    const string MViTV1Url = "https://download.pytorch.org/models/mvit_v1_b-dbeb1030.pth";

    static readonly Dictionary<string, TorchvisionVideoSpec> ByKey = new TorchvisionVideoSpec[]
    {
        new("r3d_18", "https://download.pytorch.org/models/r3d_18-b3b3357e.pth", () => new VideoResNet(VideoResNetConfig.R3d18), 25, VideoResNetFrames),
        new("mc3_18", "https://download.pytorch.org/models/mc3_18-a90a0ba3.pth", () => new VideoResNet(VideoResNetConfig.Mc3_18), 25, VideoResNetFrames),
        new("r2plus1d_18", "https://download.pytorch.org/models/r2plus1d_18-91a641e6.pth", () => new VideoResNet(VideoResNetConfig.R2Plus1d18), 25, VideoResNetFrames),
        new("s3d", "https://download.pytorch.org/models/s3d-d76dad2f.pth", () => new S3D(S3DConfig.Torchvision), 24,
            VideoClassification(new ResizeToSize(256, 256), 224)),
        new("mvit_v1_b", MViTV1Url, () => new MViT(MViTConfig.V1B), 7.5, MViTFrames, TimeMajor: false),
        new("mvit_v2_s", "https://download.pytorch.org/models/mvit_v2_s-ae3be167.pth", () => new MViT(MViTConfig.V2S), 7.5, MViTFrames, TimeMajor: false),
        // The original registers "mvit" with mvit_v1_b's transforms and fps ("alias") but builds it from the module
        // torchvision.models.video.mvit, which is not callable; the intended network is mvit_v1_b.
        new("mvit", MViTV1Url, () => new MViT(MViTConfig.V1B), 7.5, MViTFrames, TimeMajor: false),
        // The catalogue's fps 15 is the rate the weights' accuracies were measured at (frame_rate=15 in the weights' docs).
        new("swin3d_t", "https://download.pytorch.org/models/swin3d_t-7615ae03.pth", () => new SwinTransformer3d(Swin3DConfig.T), 15, Swin3DFrames, Fold: Swin3DFold),
        new("swin3d_s", "https://download.pytorch.org/models/swin3d_s-da41c237.pth", () => new SwinTransformer3d(Swin3DConfig.S), 15, Swin3DFrames, Fold: Swin3DFold),
        // DEFAULT is KINETICS400_V1 (Kinetics-400 only), not KINETICS400_IMAGENET22K_V1 (swin3d_b_22k-7c6ae6fa.pth).
        new("swin3d_b", "https://download.pytorch.org/models/swin3d_b_1k-24f7c7c6.pth", () => new SwinTransformer3d(Swin3DConfig.B), 15, Swin3DFrames, Fold: Swin3DFold),
        // V-JEPA: the checkpoint's 'encoder' (DataParallel's module. removed, then backbone.), as the original loads it;
        // 16 frames at 10 fps, each resized to 224×224 and ImageNet-normalised; tokens folded into the 16 frames.
        new("vjepa_large", "https://dl.fbaipublicfiles.com/jepa/vitl16/vitl16.pth.tar", VJepa.Large, 10, VJepaFrames,
            Keys: VJepaKeys, Fold: new TokenFold.IntoFrames(TorchvisionVideoSpec.Frames)),
        new("vjepa_huge", "https://dl.fbaipublicfiles.com/jepa/vith16/vith16.pth.tar", VJepa.Huge, 10, VJepaFrames,
            Keys: VJepaKeys, Fold: new TokenFold.IntoFrames(TorchvisionVideoSpec.Frames)),
    }.Concat(AudioVisualVideoModels.Specs).ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Keys => ByKey.Keys;

    public static TorchvisionVideoSpec? For(string key) => ByKey.GetValueOrDefault(key);
}
