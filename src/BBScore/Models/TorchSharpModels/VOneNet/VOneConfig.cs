namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>What shapes a VOneBlock beyond its weights: the split of the Gabor bank's channels into simple and complex
/// cells, the gain <c>k_exc</c> on both, and the bank's stride and kernel size. VOneNet's loader takes the first four
/// from the checkpoint's training flags (the kernel size stays its default, which the stored bank's shape confirms).</summary>
public sealed record VOneConfig(int SimpleChannels, int ComplexChannels, double KExc, int Stride, int KernelSize)
{
    /// <summary>VOneNet's defaults, which its training script also uses: 256 simple and 256 complex channels, k_exc 25,
    /// a 25×25 bank at stride 4 (a 224 image becomes 56×56).</summary>
    public static readonly VOneConfig Default = new(256, 256, 25.0, 4, 25);

    public int Channels => SimpleChannels + ComplexChannels;
}
