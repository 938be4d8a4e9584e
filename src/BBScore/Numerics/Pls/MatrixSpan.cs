using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BBScore.Numerics.Pls;

/// <summary>A rectangular double array viewed as its row-major storage, so blocks of rows can be
/// copied in and out without per-element indexing or 2 GB byte-offset limits.</summary>
internal static class MatrixSpan
{
    public static Span<double> Of(double[,] matrix) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);
}
