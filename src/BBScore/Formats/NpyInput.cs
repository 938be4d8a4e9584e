namespace BBScore.Formats;

/// <summary>Reads a .npy file the user named with an option (<c>--targets</c>, <c>--target-rdm</c>,
/// ...): a missing or malformed file is bad input, reported as an <see cref="ArgumentException"/>
/// that names the option and the file (the CLI turns it into exit code 2).</summary>
public static class NpyInput
{
    /// <summary>As float32 (features).</summary>
    public static (float[] Data, int[] Shape) ReadFloat32(string path, string option) => Guarded(() => NpyFile.ReadFloat32(path), path, option);

    /// <summary>At full float64 precision (targets, ceilings, ids, RDMs).</summary>
    public static (double[] Data, int[] Shape) ReadFloat64(string path, string option) => Guarded(() => NpyFile.ReadFloat64(path), path, option);

    /// <summary>Targets as (stimuli, targets); a 1-D array is one target.</summary>
    public static double[,] ReadTargets(string path, string option)
    {
        var (data, shape) = ReadFloat64(path, option);
        if (shape.Length is 0 or > 2)
            throw new ArgumentException($"{option} {path} has shape ({string.Join(", ", shape)}); targets must be stimuli × targets (2-D) or one value per stimulus (1-D).");
        int rows = shape[0], columns = shape.Length == 2 ? shape[1] : 1;
        var targets = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) targets[r, c] = data[r * columns + c];
        return targets;
    }

    static T Guarded<T>(Func<T> read, string path, string option)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"{option}: file not found: {path}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }
}
