using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Numerics;

/// <summary>Tensor–number arithmetic with the number's libtorch Scalar held until the call returns. TorchSharp turns a
/// number into a <see cref="Scalar"/> with a finaliser and passes only its native handle, so the Scalar object is dead
/// during the native call: a collection triggered by another thread can finalise it while libtorch still reads it
/// (seen under parallel tests as "toDouble: Expected false to be true"). These helpers dispose it after the call.</summary>
public static class HeldScalars
{
    public static Tensor AddScalar(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.add(scalar);
    }

    public static Tensor AddScalar_(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.add_(scalar);
    }

    public static Tensor MulScalar(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.mul(scalar);
    }

    public static Tensor MulScalar_(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.mul_(scalar);
    }

    public static Tensor Clamp(this Tensor tensor, double min, double max)
    {
        using var low = min.ToScalar();
        using var high = max.ToScalar();
        return tensor.clamp(low, high);
    }

    public static Tensor ClampMin(this Tensor tensor, double min)
    {
        using var scalar = min.ToScalar();
        return tensor.clamp_min(scalar);
    }

    /// <summary>value − <paramref name="tensor"/> (computed as −tensor + value: negation is exact and addition commutes,
    /// so every element equals PyTorch's rsub).</summary>
    public static Tensor SubtractFrom(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.neg().add_(scalar);
    }

    /// <summary><paramref name="tensor"/> += <paramref name="alpha"/> · <paramref name="other"/>.</summary>
    public static Tensor AddScaled_(this Tensor tensor, Tensor other, double alpha)
    {
        using var scalar = alpha.ToScalar();
        return tensor.add_(other, scalar);
    }
}
