using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Moves values between managed arrays and tensors. Arrays are wrapped without copying (from_array:
/// <c>torch.tensor(float[], …)</c> copies element by element, 0.3 s for 90 MB); results are copied out through
/// the tensor's raw bytes (element-wise accessors cost ~17 ns per value).</summary>
internal static class ManagedTensors
{
    /// <summary>Columns [start, start+count) of y as a float64 view (rows × count) over y's own memory:
    /// read it, never modify it in place.</summary>
    public static Tensor Slice(double[,] y, int start, int count)
    {
        using var all = from_array(y);
        return all.narrow(1, start, count);
    }

    /// <summary>A tensor's values, as float64, in a new managed array (row-major).</summary>
    public static double[] ToDoubles(Tensor t)
    {
        using var d = t.to_type(ScalarType.Float64).contiguous();
        return MemoryMarshal.Cast<byte, double>(d.bytes).ToArray();
    }

    /// <summary>A float32 tensor over a row-major array without copying (the array stays pinned while the tensor
    /// lives): writes through it land in the array.</summary>
    public static Tensor View(float[] values, int rows, int cols)
    {
        using var flat = from_array(values);
        return flat.view(rows, cols);
    }

    /// <summary>Throws when y has the wrong number of rows or no columns (NaN/∞ are caught per chunk, see <see cref="TargetChunk"/>).</summary>
    public static void RequireShape(double[,] y, int rows)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.GetLength(0) != rows)
            throw new ArgumentException($"Targets have {y.GetLength(0)} rows but features have {rows}.", nameof(y));
        if (y.GetLength(1) < 1) throw new ArgumentException("There are no target columns.", nameof(y));
    }
}
