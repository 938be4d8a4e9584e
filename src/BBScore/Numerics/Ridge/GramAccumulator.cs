using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Accumulates A·Aᵀ over blocks of A's columns (A = Σ blocks side by side) and returns it in float64,
/// exactly symmetric (X Xᵀ, 900 × 900 × 25088, is the largest product of the kernel form). With OpenBLAS the
/// upper triangle alone is accumulated by a symmetric rank-k update (half a GEMM's flops). libtorch has no
/// such update, so there the product is kept as 2 × 2 blocks and the lower-left one is taken as the transpose
/// of the upper-right: three quarters of a full GEMM's flops.</summary>
internal sealed class GramAccumulator : IDisposable
{
    const long SplitAbove = 256;

    /// <summary>Rows mirrored at a time when the upper triangle is assembled into the full matrix.</summary>
    const long MirrorRows = 512;

    readonly long _size, _half;
    Tensor? _upper;                                     // rank-k update mode: upper triangle of the whole product
    readonly Tensor? _topLeft, _topRight, _bottomRight; // block mode

    public GramAccumulator(long size, ScalarType type)
    {
        _size = size;
        _half = size < SplitAbove ? size : size / 2;
        if (OpenBlasLibrary.Available && type == ScalarType.Float32)
        {
            _upper = zeros(size, size, type).DetachFromDisposeScope();
            return;
        }
        _topLeft = zeros(_half, _half, type).DetachFromDisposeScope();
        _topRight = zeros(_half, size - _half, type).DetachFromDisposeScope();
        _bottomRight = zeros(size - _half, size - _half, type).DetachFromDisposeScope();
    }

    /// <summary>Adds block·blockᵀ for a (size × k) block.</summary>
    public void Add(Tensor block)
    {
        if (_upper is not null && MatrixProduct.TryAddGramUpper(_upper, block)) return;
        if (_upper is not null)
        {
            // A layout the rank-k update cannot take: a full product into the whole matrix (its lower part is ignored).
            MatrixProduct.Into(_upper, block, block.t(), beta: 1);
            return;
        }
        using var scope = NewDisposeScope();
        var top = block.narrow(0, 0, _half);
        MatrixProduct.Into(_topLeft!, top, top.t(), beta: 1);
        if (_half == _size) return;
        var bottom = block.narrow(0, _half, _size - _half);
        MatrixProduct.Into(_topRight!, top, bottom.t(), beta: 1);
        MatrixProduct.Into(_bottomRight!, bottom, bottom.t(), beta: 1);
    }

    /// <summary>The full matrix, assembled in place in one float64 allocation (fresh memory is slow).</summary>
    public Tensor ToFloat64()
    {
        var result = empty(_size, _size, ScalarType.Float64);
        using var scope = NewDisposeScope();
        if (_upper is not null)
        {
            // Mirror the upper triangle, result = triu(U) + triu(U, 1)ᵀ (exactly symmetric by construction), in place a
            // block of rows at a time: whole-matrix triu() temporaries would be three more n × n buffers (TVSD's
            // 22,248 training images: 2 GB each), and U itself is freed as soon as it is copied.
            result.copy_(_upper);
            _upper.Dispose();
            _upper = null;
            for (long start = 0; start < _size; start += MirrorRows)
            {
                long count = Math.Min(MirrorRows, _size - start);
                using var rows = result.narrow(0, start, count);
                if (start > 0)
                {
                    using var left = rows.narrow(1, 0, start);
                    using var columnsAbove = result.narrow(1, start, count);
                    using var above = columnsAbove.narrow(0, 0, start);
                    using var mirrored = above.t();
                    left.copy_(mirrored);
                }
                using var diagonal = rows.narrow(1, start, count);
                using var upper = diagonal.triu();
                using var strictUpper = diagonal.triu(1);
                using var lower = strictUpper.t();
                diagonal.copy_(upper).add_(lower);
            }
            return result;
        }
        long rest = _size - _half;
        SymmetricInto(_topLeft!, result.narrow(0, 0, _half).narrow(1, 0, _half));
        if (rest == 0) return result;
        result.narrow(0, 0, _half).narrow(1, _half, rest).copy_(_topRight!);
        result.narrow(0, _half, rest).narrow(1, 0, _half).copy_(_topRight!.t());
        SymmetricInto(_bottomRight!, result.narrow(0, _half, rest).narrow(1, _half, rest));
        return result;
    }

    /// <summary>A GEMM result is symmetric only up to rounding; eigh must see an exactly symmetric matrix.</summary>
    static void SymmetricInto(Tensor product, Tensor destination)
    {
        using var transposed = product.t();
        destination.copy_(product).AddScaled_(transposed, 1.0).MulScalar_(0.5);
    }

    public void Dispose()
    {
        _upper?.Dispose();
        _topLeft?.Dispose();
        _topRight?.Dispose();
        _bottomRight?.Dispose();
    }
}
