namespace BBScore.Metrics.Online.Streams;

/// <summary>Rows an online read-out trains on, read a batch at a time and never held whole: model features from the
/// feature cache's .npy file, targets from a recording, or a user's arrays. Values arrive as float32, the precision the
/// read-outs train in. <see cref="UnitShape"/> is one row's shape ([T, D] for sequence features, [D] otherwise).</summary>
public interface IRowSource : IDisposable
{
    int Rows { get; }

    /// <summary>Values per row.</summary>
    int RowLength { get; }

    int[] UnitShape { get; }

    /// <summary>Copies the listed rows, in the order given, into <paramref name="destination"/> (rows × <see cref="RowLength"/>).</summary>
    void ReadRows(ReadOnlySpan<int> rows, Span<float> destination);
}
