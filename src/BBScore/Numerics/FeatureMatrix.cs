using BBScore.Formats;

namespace BBScore.Numerics;

/// <summary>A row-major float32 matrix (rows = stimuli, columns = features): the regression input.
/// Wraps the storage without copying; <see cref="SelectRows"/> copies only the chosen rows. A matrix over a feature
/// file (<see cref="From(Features.FeatureTensor)"/> of a tensor still on disk) keeps its rows in the file: the kernel
/// form of ridge reads it in column blocks (<see cref="OnDisk"/>), anything else that reads <see cref="Data"/> loads it.</summary>
public sealed class FeatureMatrix
{
    readonly object _loading = new();
    float[]? _data;

    public FeatureMatrix(float[] data, int rows, int cols)
    {
        if ((long)rows * cols != data.Length)
            throw new ArgumentException($"A {rows}x{cols} matrix needs {(long)rows * cols} values, got {data.Length}.");
        _data = data;
        Rows = rows;
        Cols = cols;
    }

    FeatureMatrix(FeatureFileRows file, int cols)
    {
        File = file;
        Rows = file.Rows.Length;
        Cols = cols;
    }

    /// <summary>The rows of a float32/float64 .npy file (<paramref name="rows"/> of it, in that order; all when null)
    /// with <paramref name="cols"/> values each, left on disk until <see cref="Data"/> is read.</summary>
    public static FeatureMatrix OnFile(string path, int fileRows, int cols, int[]? rows = null) =>
        new(new FeatureFileRows(path, rows ?? Enumerable.Range(0, fileRows).ToArray()), cols);

    /// <summary>The values, read from the file on first use for a matrix over a file.</summary>
    public float[] Data
    {
        get
        {
            if (_data is not null) return _data;
            lock (_loading) return _data ??= Load(File!);
        }
    }

    /// <summary>Where the rows are while they are only on disk; null once loaded (or for a matrix made from values).</summary>
    public FeatureFileRows? OnDisk => _data is null ? File : null;

    FeatureFileRows? File { get; }

    public int Rows { get; }
    public int Cols { get; }

    public ReadOnlySpan<float> Row(int r) => Data.AsSpan(r * Cols, Cols);

    /// <summary>Flattens a feature tensor to (stimuli, everything else), as the original's metrics do; a tensor still on disk
    /// gives a matrix over its file.</summary>
    public static FeatureMatrix From(Features.FeatureTensor tensor) => tensor is { IsOnDisk: true, DiskPath: { } path }
        ? OnFile(path, tensor.Rows, tensor.RowLength)
        : new(tensor.Data, tensor.Rows, tensor.RowLength);

    /// <summary>The chosen rows: copied when in memory, a row list over the same file when on disk.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        if (OnDisk is { } file) return new FeatureMatrix(new FeatureFileRows(file.Path, rows.Select(r => file.Rows[r]).ToArray()), Cols);
        var data = new float[(long)rows.Count * Cols];
        for (int i = 0; i < rows.Count; i++) Row(rows[i]).CopyTo(data.AsSpan(i * Cols, Cols));
        return new FeatureMatrix(data, rows.Count, Cols);
    }

    float[] Load(FeatureFileRows file)
    {
        using var reader = NpyRowReader.Open(file.Path, Cols);
        var data = new float[(long)Rows * Cols];
        reader.ReadRows(file.Rows, data);
        return data;
    }
}

/// <summary>Rows of a feature file (a C-order .npy), by index into the file, in the order a matrix uses them.</summary>
public sealed record FeatureFileRows(string Path, int[] Rows);
