namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>One block of an MViT, torchvision's <c>MSBlockConfig</c>: heads, channels in and out, and the pooling kernels
/// and strides of the queries and of the keys/values as (t, h, w) (empty: no pooling).</summary>
public sealed record MViTBlockConfig(int Heads, int InputChannels, int OutputChannels, int[] KernelQ, int[] KernelKv, int[] StrideQ, int[] StrideKv);

/// <summary>An MViT as torchvision's <c>MViT</c> constructor takes it: the input size it is built for (torchvision fixes
/// the token grid at construction), the blocks, and the v1/v2 switches (pooling residual, class token in that residual,
/// relative positions instead of absolute ones, channel projection after the attention).</summary>
public sealed record MViTConfig(
    int SpatialSize, int TemporalSize, MViTBlockConfig[] Blocks,
    bool ResidualPool, bool ResidualWithClsEmbed, bool RelPosEmbed, bool ProjAfterAttn, int Classes)
{
    static readonly int[] None = [], Kernel3 = [3, 3, 3], Q2 = [1, 2, 2], Kv8 = [1, 8, 8], Kv4 = [1, 4, 4], Kv2 = [1, 2, 2], Kv1 = [1, 1, 1], Q1 = [1, 1, 1];

    /// <summary>torchvision's mvit_v1_b: 16 blocks, absolute positions, 224×224×16.</summary>
    public static MViTConfig V1B { get; } = new(224, 16, Settings(
        heads: [1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8],
        inputs: [96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768],
        outputs: [192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768, 768],
        strideQ: i => i is 1 or 3 or 14 ? Q2 : None,
        kernelQ: i => i is 1 or 3 or 14 ? Kernel3 : None),
        ResidualPool: false, ResidualWithClsEmbed: false, RelPosEmbed: false, ProjAfterAttn: false, VideoResNetConfig.KineticsClasses);

    /// <summary>torchvision's mvit_v2_s: 16 blocks, relative positions, pooling residual, projection after attention.</summary>
    public static MViTConfig V2S { get; } = new(224, 16, Settings(
        heads: [1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8],
        inputs: [96, 96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768],
        outputs: [96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768],
        strideQ: i => i is 1 or 3 or 14 ? Q2 : Q1,
        kernelQ: _ => Kernel3),
        ResidualPool: true, ResidualWithClsEmbed: false, RelPosEmbed: true, ProjAfterAttn: true, VideoResNetConfig.KineticsClasses);

    /// <summary>Both variants pool keys/values with 3×3×3 kernels, strides 8, 4, 4, then 2 until the last two blocks.</summary>
    static MViTBlockConfig[] Settings(int[] heads, int[] inputs, int[] outputs, Func<int, int[]> strideQ, Func<int, int[]> kernelQ) =>
        Enumerable.Range(0, heads.Length).Select(i => new MViTBlockConfig(heads[i], inputs[i], outputs[i], kernelQ(i), Kernel3, strideQ(i),
            i switch { 0 => Kv8, 1 or 2 => Kv4, 14 or 15 => Kv1, _ => Kv2 })).ToArray();
}
