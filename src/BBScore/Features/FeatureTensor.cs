namespace BBScore.Features;

/// <summary>A dense float32 tensor in row-major order: the activations of one layer for a batch
/// (first axis = stimuli) or a whole stimulus set.</summary>
public sealed class FeatureTensor
{
    public FeatureTensor(float[] data, int[] shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException("Negative dimension in shape.", nameof(shape));
            n *= d;
        }
        if (n != data.Length)
            throw new ArgumentException($"Shape [{string.Join(",", shape)}] needs {n} values, got {data.Length}.", nameof(data));
        Data = data;
        Shape = shape;
    }

    public float[] Data { get; }
    public int[] Shape { get; }

    /// <summary>Number of rows (first axis).</summary>
    public int Rows => Shape.Length == 0 ? 1 : Shape[0];

    /// <summary>Values per row: product of all axes after the first.</summary>
    public int RowLength => Shape.Length <= 1 ? 1 : Data.Length / Math.Max(1, Shape[0]);

    public string ShapeText => "(" + string.Join(", ", Shape) + ")";
}
