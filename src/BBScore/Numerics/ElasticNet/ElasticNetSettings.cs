namespace BBScore.Numerics.ElasticNet;

/// <summary>Settings of <see cref="FistaElasticNet"/>; the defaults are the original
/// <c>TorchElasticNetCV</c>'s (<c>max_iter=5000, tol=1e-4, val_fraction=0.1, chunk_size=50000</c>).</summary>
/// <param name="L1Ratio">Share of the penalty that is L1: 1 = lasso (<c>torch_lasso</c>), 0.5 = <c>torch_elastic</c>.</param>
/// <param name="MaxIterations">FISTA iterations per alpha at most.</param>
/// <param name="Tolerance">FISTA stops when ‖w − w_old‖ / ‖w‖ falls below this (norms over all targets together).</param>
/// <param name="ValidationFraction">Share of rows held out to choose alpha.</param>
/// <param name="GramChunkRows">Rows multiplied out at a time while accumulating the Gram matrices.</param>
public sealed record ElasticNetSettings(
    double L1Ratio,
    int MaxIterations = 5000,
    double Tolerance = 1e-4,
    double ValidationFraction = 0.1,
    int GramChunkRows = 50_000)
{
    public static ElasticNetSettings Lasso { get; } = new(1.0);
    public static ElasticNetSettings Elastic { get; } = new(0.5);

    /// <summary>Throws for values the solver cannot work with.</summary>
    public void Validate()
    {
        if (!(L1Ratio >= 0 && L1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio, "l1_ratio must lie in [0, 1].");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "Give at least one iteration.");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive.");
        if (GramChunkRows < 1) throw new ArgumentOutOfRangeException(nameof(GramChunkRows), GramChunkRows, "Chunks need at least one row.");
    }
}
