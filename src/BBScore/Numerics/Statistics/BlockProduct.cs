using System.Runtime.InteropServices;
using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Statistics;

/// <summary>sums[0..rows) = counts[0..rows) · moments for the bootstrap's blocks of resamples (counts: block × k,
/// moments: k × n, row-major float64). With the system OpenBLAS the product is written straight into the pinned
/// managed arrays; otherwise through libtorch, copied in and out with one memcpy each.</summary>
sealed class BlockProduct : IDisposable
{
    readonly double[] _counts, _sums;
    readonly int _k, _n;
    readonly GCHandle[] _pins = [];
    readonly Tensor? _left, _right, _product;

    public BlockProduct(double[] counts, double[] moments, double[] sums, int k, int n)
    {
        (_counts, _sums, _k, _n) = (counts, sums, k, n);
        if (OpenBlasLibrary.Available)
        {
            _pins = [GCHandle.Alloc(counts, GCHandleType.Pinned), GCHandle.Alloc(moments, GCHandleType.Pinned), GCHandle.Alloc(sums, GCHandleType.Pinned)];
            return;
        }
        TorchRuntime.EnsureLoaded();
        _left = zeros([counts.Length / k, k], ScalarType.Float64);
        _right = tensor(moments, [k, (long)n]);
        _product = empty([counts.Length / k, (long)n], ScalarType.Float64);
    }

    public void Compute(int rows)
    {
        if (_pins.Length > 0)
        {
            OpenBlasLibrary.Dgemm(false, false, rows, _n, _k, 1.0, _pins[0].AddrOfPinnedObject(), _k, _pins[1].AddrOfPinnedObject(), _n,
                0.0, _pins[2].AddrOfPinnedObject(), _n);
            return;
        }
        MatrixProduct.CopyFrom(_counts, _left!);
        MatrixProduct.Into(_product!, _left!, _right!);
        MatrixProduct.CopyTo(_product!, _sums);
    }

    public void Dispose()
    {
        foreach (var pin in _pins) pin.Free();
        _left?.Dispose();
        _right?.Dispose();
        _product?.Dispose();
    }
}
