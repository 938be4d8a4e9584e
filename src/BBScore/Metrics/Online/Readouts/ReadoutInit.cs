using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The read-outs' initial values drawn from one seeded generator instead of libtorch's global one, with the
/// original's distributions: PyTorch's default nn.Linear init (weight and bias uniform in ±1/√fan_in) and V-JEPA's
/// truncated normal (std 0.02; drawn normal and clamped at ±2, the truncation points, 100 std out).</summary>
static class ReadoutInit
{
    public static void DefaultLinear(Linear linear, Generator generator)
    {
        using var noGrad = no_grad();
        double bound = 1 / Math.Sqrt(linear.weight!.shape[1]);
        linear.weight.uniform_(-bound, bound, generator);
        linear.bias?.uniform_(-bound, bound, generator);
    }

    public static void TruncatedNormal(Tensor tensor, Generator generator, double std = 0.02)
    {
        using var noGrad = no_grad();
        tensor.normal_(0, std, generator).clamp_(-2, 2);
    }

    /// <summary>V-JEPA's _init_weights for a Linear: truncated normal weight, zero bias.</summary>
    public static void JepaLinear(Linear linear, Generator generator)
    {
        TruncatedNormal(linear.weight!, generator);
        using var noGrad = no_grad();
        linear.bias?.zero_();
    }
}
