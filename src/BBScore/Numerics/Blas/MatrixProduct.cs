using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace BBScore.Numerics.Blas;

/// <summary>destination = alpha · left · right + beta · destination (torch's <c>addmm_</c>) for CPU matrices, through
/// OpenBLAS when it is available and the operands' layouts allow it (see <see cref="OpenBlasLibrary"/>), else
/// through libtorch. Operands may be row-major views with a row stride (narrowed blocks) or transposes of such
/// views; anything else, mixed dtypes, or small products go to libtorch.</summary>
public static class MatrixProduct
{
    /// <summary>Whether large products go to the system's OpenBLAS in this process (else libtorch).</summary>
    public static bool UsesOpenBlas => OpenBlasLibrary.Available;

    /// <summary>One line for `bbscore check` and result records.</summary>
    public static string Describe() => OpenBlasLibrary.Describe();

    /// <summary>Below this many multiply-adds the call overhead and thread start-up dominate: libtorch does it.</summary>
    const long SmallProduct = 1L << 20;

    public static void Into(Tensor destination, Tensor left, Tensor right, double beta = 0, double alpha = 1)
    {
        if (!TryOpenBlas(destination, left, right, beta, alpha))
            destination.addmm_(left, right, beta: (float)beta, alpha: (float)alpha);
    }

    /// <summary>left · right as a new tensor.</summary>
    public static Tensor Of(Tensor left, Tensor right)
    {
        var result = empty(left.shape[0], right.shape[1], left.dtype);
        Into(result, left, right);
        return result;
    }

    /// <summary>The upper triangle of destination (n × n, row-major) += block · blockᵀ (block n × k, float32, row-major
    /// or the transpose of a row-major matrix);
    /// false when OpenBLAS cannot do it (the caller then uses full products).</summary>
    public static bool TryAddGramUpper(Tensor destination, Tensor block)
    {
        if (!OpenBlasLibrary.Available || block.dim() != 2 || destination.dim() != 2) return false;
        if (block.dtype != ScalarType.Float32 || destination.dtype != ScalarType.Float32) return false;
        if (!Layout(block, out bool transposed, out int lda) || !RowMajor(destination, out int ldc)) return false;
        OpenBlasLibrary.SsyrkUpper(transposed, (int)block.shape[0], (int)block.shape[1], 1f, Pointer(block), lda, 1f, Pointer(destination), ldc);
        return true;
    }

    static bool TryOpenBlas(Tensor destination, Tensor left, Tensor right, double beta, double alpha)
    {
        if (!OpenBlasLibrary.Available) return false;
        var type = destination.dtype;
        if (type is not (ScalarType.Float32 or ScalarType.Float64) || left.dtype != type || right.dtype != type) return false;
        if (destination.device_type != TorchSharp.DeviceType.CPU || left.device_type != TorchSharp.DeviceType.CPU || right.device_type != TorchSharp.DeviceType.CPU) return false;
        if (left.dim() != 2 || right.dim() != 2 || destination.dim() != 2) return false;
        long m = left.shape[0], k = left.shape[1], n = right.shape[1];
        if (right.shape[0] != k || destination.shape[0] != m || destination.shape[1] != n) return false;
        if (m * n * k < SmallProduct || m > int.MaxValue || n > int.MaxValue || k > int.MaxValue) return false;
        if (!RowMajor(destination, out int ldc)) return false;
        if (!Layout(left, out bool transA, out int lda) || !Layout(right, out bool transB, out int ldb)) return false;
        if (type == ScalarType.Float32)
            OpenBlasLibrary.Sgemm(transA, transB, (int)m, (int)n, (int)k, (float)alpha, Pointer(left), lda, Pointer(right), ldb, (float)beta, Pointer(destination), ldc);
        else
            OpenBlasLibrary.Dgemm(transA, transB, (int)m, (int)n, (int)k, alpha, Pointer(left), lda, Pointer(right), ldb, beta, Pointer(destination), ldc);
        return true;
    }

    /// <summary>Row-major with unit column stride: leading dimension = row stride.</summary>
    static bool RowMajor(Tensor t, out int leading)
    {
        var strides = t.stride();
        leading = (int)Math.Max(strides[0], Math.Max(1, t.shape[1]));
        return t.dim() == 2 && (strides[1] == 1 || t.shape[1] == 1) && (strides[0] >= t.shape[1] || t.shape[0] == 1) && strides[0] <= int.MaxValue;
    }

    /// <summary>Either row-major, or the transpose of a row-major matrix (unit row stride).</summary>
    static bool Layout(Tensor t, out bool transposed, out int leading)
    {
        transposed = false;
        if (RowMajor(t, out leading)) return true;
        var strides = t.stride();
        if (strides[0] == 1 && strides[1] >= t.shape[0] && strides[1] <= int.MaxValue)
        {
            transposed = true;
            leading = (int)strides[1];
            return true;
        }
        return false;
    }

    /// <summary>Address of element [0, 0] (storage offset included).</summary>
    /// <summary>The address of a CPU tensor's first element.</summary>
    internal static IntPtr Pointer(Tensor t) => THSTensor_data(t.Handle);

    /// <summary>Copies a contiguous CPU float64 tensor into <paramref name="destination"/> with one memcpy (TorchSharp's
    /// element accessor walks element by element, 50× slower on large tensors).</summary>
    public static void CopyTo(Tensor source, double[] destination)
    {
        if (source.dtype != ScalarType.Float64 || !source.is_contiguous() || source.numel() > destination.Length)
            throw new ArgumentException("a contiguous float64 tensor no larger than the destination is needed");
        Marshal.Copy(Pointer(source), destination, 0, (int)source.numel());
    }

    /// <summary>Fills a contiguous CPU float64 tensor from <paramref name="source"/> with one memcpy.</summary>
    public static void CopyFrom(double[] source, Tensor destination)
    {
        if (destination.dtype != ScalarType.Float64 || !destination.is_contiguous() || destination.numel() > source.Length)
            throw new ArgumentException("a contiguous float64 tensor no larger than the source is needed");
        Marshal.Copy(source, 0, Pointer(destination), (int)destination.numel());
    }

    [DllImport("LibTorchSharp")]
    static extern IntPtr THSTensor_data(IntPtr handle);
}
