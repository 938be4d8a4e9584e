using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Accumulates A·Aᵀ over blocks of A's columns (A = Σ blocks side by side) and returns it in float64,
/// exactly symmetric. libtorch has no symmetric rank-k update, so the product is kept as 2 × 2 blocks and the
/// lower-left one is taken as the transpose of the upper-right: three quarters of a full GEMM's flops
/// (X Xᵀ, 900 × 900 × 25088, is the largest product of the kernel form).</summary>
internal sealed class GramAccumulator : IDisposable
{
    const long SplitAbove = 256;

    readonly long _size, _half;
    readonly Tensor _topLeft, _topRight, _bottomRight;

    public GramAccumulator(long size, ScalarType type)
    {
        _size = size;
        _half = size < SplitAbove ? size : size / 2;
        _topLeft = zeros(_half, _half, type).DetachFromDisposeScope();
        _topRight = zeros(_half, size - _half, type).DetachFromDisposeScope();
        _bottomRight = zeros(size - _half, size - _half, type).DetachFromDisposeScope();
    }

    /// <summary>Adds block·blockᵀ for a (size × k) block.</summary>
    public void Add(Tensor block)
    {
        using var scope = NewDisposeScope();
        var top = block.narrow(0, 0, _half);
        _topLeft.addmm_(top, top.t());
        if (_half == _size) return;
        var bottom = block.narrow(0, _half, _size - _half);
        _topRight.addmm_(top, bottom.t());
        _bottomRight.addmm_(bottom, bottom.t());
    }

    /// <summary>The full matrix, assembled in place in one float64 allocation (fresh memory is slow).</summary>
    public Tensor ToFloat64()
    {
        var result = empty(_size, _size, ScalarType.Float64);
        using var scope = NewDisposeScope();
        long rest = _size - _half;
        SymmetricInto(_topLeft, result.narrow(0, 0, _half).narrow(1, 0, _half));
        if (rest == 0) return result;
        result.narrow(0, 0, _half).narrow(1, _half, rest).copy_(_topRight);
        result.narrow(0, _half, rest).narrow(1, 0, _half).copy_(_topRight.t());
        SymmetricInto(_bottomRight, result.narrow(0, _half, rest).narrow(1, _half, rest));
        return result;
    }

    /// <summary>A GEMM result is symmetric only up to rounding; eigh must see an exactly symmetric matrix.</summary>
    static void SymmetricInto(Tensor product, Tensor destination) => destination.copy_(product).add_(product.t()).mul_(0.5);

    public void Dispose()
    {
        _topLeft.Dispose();
        _topRight.Dispose();
        _bottomRight.Dispose();
    }
}
