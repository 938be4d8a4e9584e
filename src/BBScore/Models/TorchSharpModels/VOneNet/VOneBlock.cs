using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>
/// VOneNet's model of primary visual cortex, without its noise (the non-stochastic VOneNet): two Gabor banks in
/// quadrature (<c>simple_conv_q0</c>, <c>simple_conv_q1</c>, phases 90° apart); simple cells are the ReLU of the first
/// <see cref="VOneConfig.SimpleChannels"/> q0 channels, complex cells the energy √(q0² + q1²)/√2 of the remaining
/// channels; both are scaled by <c>k_exc</c>. With no noise mode the noise stage is only its ReLU. The identity modules
/// (<c>complex</c>, <c>gabors</c>, <c>output</c>) and the ReLUs (<c>simple</c>, <c>noise</c>) are kept and called as in
/// the original, so hooks on their paths give its values.
/// </summary>
public sealed class VOneBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // the original's module names
    readonly GaborFilterBank simple_conv_q0;
    readonly GaborFilterBank simple_conv_q1;
    readonly nn.Module<Tensor, Tensor> simple = nn.ReLU();
    readonly nn.Module<Tensor, Tensor> complex = nn.Identity();
    readonly nn.Module<Tensor, Tensor> gabors = nn.Identity();
    readonly nn.Module<Tensor, Tensor> noise = nn.ReLU();
    readonly nn.Module<Tensor, Tensor> output = nn.Identity();
#pragma warning restore IDE1006
    readonly VOneConfig _config;

    public VOneBlock(VOneConfig config) : base("VOneBlock")
    {
        _config = config;
        simple_conv_q0 = new GaborFilterBank(config.Channels, config.KernelSize, config.Stride);
        simple_conv_q1 = new GaborFilterBank(config.Channels, config.KernelSize, config.Stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var q0 = simple_conv_q0.call(images);
        var q1 = simple_conv_q1.call(images);
        int split = _config.SimpleChannels, rest = _config.ComplexChannels;
        var complexCells = complex.call((q0.narrow(1, split, rest).square() + q1.narrow(1, split, rest).square()).sqrt() / Math.Sqrt(2));
        var simpleCells = simple.call(q0.narrow(1, 0, split));
        var v1 = gabors.call(cat([simpleCells, complexCells], 1) * _config.KExc);
        return output.call(noise.call(v1)).MoveToOuterDisposeScope();
    }
}
