using BBScore.Formats;

namespace BBScore.Features;

/// <summary>A dense float32 tensor in row-major order: the activations of one layer for a batch
/// (first axis = stimuli) or a whole stimulus set. A tensor made by <see cref="OnDisk"/> leaves its values in the
/// feature cache's .npy file until <see cref="Data"/> is first read, so that a metric able to stream them
/// (ridge's kernel form) never holds them whole.</summary>
public sealed class FeatureTensor
{
    readonly object _loading = new();
    float[]? _data;

    public FeatureTensor(float[] data, int[] shape)
    {
        long n = ElementCount(shape);
        if (n != data.Length)
            throw new ArgumentException($"Shape [{string.Join(",", shape)}] needs {n} values, got {data.Length}.", nameof(data));
        _data = data;
        Shape = shape;
    }

    FeatureTensor(string path, int[] shape)
    {
        ElementCount(shape);
        DiskPath = path;
        Shape = shape;
    }

    /// <summary>A tensor over a C-order float32/float64 .npy file of exactly this shape (checked when it is read).</summary>
    public static FeatureTensor OnDisk(string path, int[] shape) => new(path, shape);

    /// <summary>The values, read from <see cref="DiskPath"/> on first use when the tensor was made on disk.</summary>
    public float[] Data
    {
        get
        {
            if (_data is not null) return _data;
            lock (_loading)
            {
                if (_data is not null) return _data;
                var (values, shape) = NpyFile.ReadFloat32(DiskPath!);
                if (!shape.SequenceEqual(Shape))
                    throw new InvalidDataException($"{DiskPath}: holds shape ({string.Join(", ", shape)}), expected ({string.Join(", ", Shape)}); delete it and run again to re-extract.");
                return _data = values;
            }
        }
    }

    /// <summary>The .npy file behind a tensor made by <see cref="OnDisk"/> (null for one made from values).</summary>
    public string? DiskPath { get; }

    /// <summary>True while the values are only on disk (<see cref="Data"/> not read yet).</summary>
    public bool IsOnDisk => _data is null;

    public int[] Shape { get; }

    /// <summary>Number of rows (first axis).</summary>
    public int Rows => Shape.Length == 0 ? 1 : Shape[0];

    /// <summary>Values per row: product of all axes after the first.</summary>
    public int RowLength => Shape.Length <= 1 ? 1 : checked((int)(ElementCount(Shape) / Math.Max(1, Shape[0])));

    public string ShapeText => "(" + string.Join(", ", Shape) + ")";

    static long ElementCount(int[] shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException("Negative dimension in shape.", nameof(shape));
            n *= d;
        }
        return n;
    }
}
