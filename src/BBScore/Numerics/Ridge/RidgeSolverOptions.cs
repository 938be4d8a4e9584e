namespace BBScore.Numerics.Ridge;

/// <summary>How the ridge solvers compute; the defaults suit every caller, tests vary them.</summary>
/// <param name="Precision">See <see cref="RidgePrecision"/>.</param>
/// <param name="TargetChunkSize">Targets processed together; null picks a size from
/// <see cref="ChunkBudgetBytes"/>. The decomposition of X is computed once for all chunks.</param>
/// <param name="ChunkBudgetBytes">Approximate temporary memory per target chunk.</param>
/// <param name="LeftVectorsBudgetBytes">With more rows than features, the left singular vectors U (rows × rank, as
/// large as X) are kept when they fit in this many bytes; beyond, products with U go through X (about 10% slower,
/// X's size less memory).</param>
/// <param name="LooBlockBytes">With fewer rows than features (the kernel form), the leave-one-out residuals are formed
/// for blocks of rows whose float64 factor takes at most this many bytes, instead of n × n and n × targets buffers.</param>
/// <param name="StreamBlockBytes">Features on disk (the kernel form, see <see cref="FeatureMatrix.OnDisk"/>) are read in
/// blocks of columns of every row taking this many bytes (float32): larger blocks mean fewer, longer reads per row and
/// rank-k updates of the Gram matrix with a larger k; the block is memory beside the n × n accumulator.</param>
/// <param name="EigenPrecision">Precision of the kernel form's n × n eigendecomposition (see <see cref="RidgeEigenPrecision"/>).</param>
public sealed record RidgeSolverOptions(
    RidgePrecision Precision = RidgePrecision.Mixed,
    int? TargetChunkSize = null,
    long ChunkBudgetBytes = 256L << 20,
    long LeftVectorsBudgetBytes = 256L << 20,
    long LooBlockBytes = 64L << 20,
    long StreamBlockBytes = RidgeSolverOptions.DefaultStreamBlockBytes,
    RidgeEigenPrecision EigenPrecision = RidgeEigenPrecision.Auto)
{
    /// <summary>From this many training rows, <see cref="RidgeEigenPrecision.Auto"/> decomposes the kernel form's Gram
    /// matrix in float32 (mixed precision only): below it the float64 decomposition takes seconds and little memory.</summary>
    public const int SingleEigenFromRows = 8192;

    /// <summary>Whether the kernel form's n × n decomposition runs in float32 for <paramref name="rows"/> training rows.</summary>
    public bool UsesSingleEigen(int rows) => EigenPrecision switch
    {
        RidgeEigenPrecision.Single => true,
        RidgeEigenPrecision.Double => false,
        _ => Precision == RidgePrecision.Mixed && rows >= SingleEigenFromRows,
    };

    /// <summary>See <see cref="StreamBlockBytes"/>: 512 MiB, 5,900 columns of 22,248 rows (24 KB per read).</summary>
    public const long DefaultStreamBlockBytes = 512L << 20;

    public static RidgeSolverOptions Default { get; } = new();

    /// <summary>Targets per chunk for n training rows: up to about 28 bytes per row and target are live at once
    /// (float32 centred targets, their projection, and the residual buffers of the LOO passes).</summary>
    internal int ChunkSize(int rows, int targets)
    {
        if (TargetChunkSize is int fixedSize)
        {
            if (fixedSize < 1) throw new ArgumentOutOfRangeException(nameof(TargetChunkSize), "Target chunk size must be >= 1.");
            return Math.Min(fixedSize, Math.Max(1, targets));
        }
        long perTarget = 28L * Math.Max(1, rows);
        return (int)Math.Clamp(ChunkBudgetBytes / perTarget, 1, Math.Max(1, targets));
    }
}
