using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>A grouped Conv1d under <c>weight_norm(dim=2)</c>, with the parameters the checkpoints store:
/// <c>weight_g</c> (1, 1, K) and <c>weight_v</c> (out, in/groups, K); the weight is g·v/‖v‖, the norm taken over every
/// axis but the kernel's, computed in each forward as torch's weight norm does (so the loaded tensors are the
/// checkpoint's own, and newer saves' <c>parametrizations.weight.original0/1</c> map onto the same two).</summary>
public sealed class WeightNormConv1d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch's parameter names
    readonly Parameter weight_g, weight_v, bias;
#pragma warning restore IDE1006
    readonly long _padding, _groups;

    public WeightNormConv1d(int channels, int kernel, int groups) : base("WeightNormConv1d")
    {
        weight_v = nn.Parameter(randn(channels, channels / groups, kernel) * 0.02);
        weight_g = nn.Parameter(ones(1, 1, kernel));
        bias = nn.Parameter(zeros(channels));
        _padding = kernel / 2;
        _groups = groups;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var weight = weight_v * (weight_g / weight_v.pow(2).sum([0, 1], keepdim: true).sqrt());
        return nn.functional.conv1d(x, weight, bias, padding: _padding, groups: _groups).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2PositionalConvEmbedding: (B, T, D) → conv over time → for an even kernel the last frame dropped
/// (SamePad: padding K/2 on both sides gives one frame too many) → GELU → (B, T, D).</summary>
public sealed class Wav2Vec2PositionalConvEmbedding : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly WeightNormConv1d conv;
    readonly SamePad padding;
    readonly GELU activation;
#pragma warning restore IDE1006

    public Wav2Vec2PositionalConvEmbedding(Wav2Vec2Config config) : base("Wav2Vec2PositionalConvEmbedding")
    {
        conv = new WeightNormConv1d(config.Hidden, config.PositionKernel, config.PositionGroups);
        padding = new SamePad(config.PositionKernel);
        activation = nn.GELU();
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var convolved = padding.call(conv.call(hidden.transpose(1, 2)));
        return activation.call(convolved).transpose(1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2SamePadLayer: drops the last time step of (B, C, T) when the kernel is even.</summary>
public sealed class SamePad(int kernel) : nn.Module<Tensor, Tensor>("Wav2Vec2SamePadLayer")
{
    public override Tensor forward(Tensor x) => kernel % 2 == 0 ? x.narrow(2, 0, x.shape[2] - 1) : x.alias();
}
