using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>VOneNet's <c>GFB</c>: a convolution without bias whose kernels are Gabor filters, each on one input channel.
/// VOneNet draws them from seeded random parameters when it builds the network, but keeps them as a parameter
/// (<c>weight</c>, not trained) so every checkpoint stores them; here they start at zero and always come from the file,
/// so numpy's random draws need not be reproduced.</summary>
public sealed class GaborFilterBank : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's parameter name
    readonly Parameter weight;
#pragma warning restore IDE1006
    readonly long _stride;
    readonly long _padding;

    public GaborFilterBank(int channels, int kernelSize, int stride) : base("GFB")
    {
        weight = new Parameter(zeros(channels, 3, kernelSize, kernelSize), requires_grad: false);
        _stride = stride;
        _padding = kernelSize / 2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor images) =>
        nn.functional.conv2d(images, weight, null, strides: [_stride, _stride], padding: [_padding, _padding]);
}
