namespace BBScore.Numerics.Transport;

/// <param name="Plan">The entropic transport plan (rows × columns); its row sums are the source
/// marginal a (exactly, up to rounding: the last update fits the rows), its column sums approach b.</param>
/// <param name="Iterations">Sinkhorn iterations run (one iteration updates both sides).</param>
/// <param name="MarginalError">‖column sums − b‖₂ at the last check (every 10th iteration, as POT checks).</param>
/// <param name="Converged">Whether that error fell below the stop threshold before the iteration limit.</param>
public sealed record SinkhornResult(double[,] Plan, int Iterations, double MarginalError, bool Converged);
