namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>A Swin3D as torchvision's <c>SwinTransformer3d</c> constructor takes it: the (t, h, w) patch of the 3-D patch
/// embedding, the embedding width (doubled by each patch merging), the blocks and heads per stage, the (t, h, w)
/// attention window (odd blocks of a stage shift it by half), the MLP's hidden width ratio and the class count.</summary>
public sealed record Swin3DConfig(int[] PatchSize, int EmbedDim, int[] Depths, int[] Heads, int[] Window, int Classes, double MlpRatio = 4.0)
{
    static readonly int[] Patch = [2, 4, 4], Window877 = [8, 7, 7];

    /// <summary>torchvision's swin3d_t: width 96, depths 2-2-6-2, heads 3-6-12-24.</summary>
    public static Swin3DConfig T { get; } = new(Patch, 96, [2, 2, 6, 2], [3, 6, 12, 24], Window877, VideoResNetConfig.KineticsClasses);

    /// <summary>torchvision's swin3d_s: swin3d_t with 18 blocks in the third stage.</summary>
    public static Swin3DConfig S { get; } = new(Patch, 96, [2, 2, 18, 2], [3, 6, 12, 24], Window877, VideoResNetConfig.KineticsClasses);

    /// <summary>torchvision's swin3d_b: width 128, depths 2-2-18-2, heads 4-8-16-32.</summary>
    public static Swin3DConfig B { get; } = new(Patch, 128, [2, 2, 18, 2], [4, 8, 16, 32], Window877, VideoResNetConfig.KineticsClasses);

    /// <summary>The channel count of stage <paramref name="stage"/> (each patch merging doubles it).</summary>
    public int StageDim(int stage) => EmbedDim << stage;
}
