namespace BBScore.Numerics.Transport;

/// <param name="Plan">An optimal transport plan (rows × columns) with row sums a and column sums b.</param>
/// <param name="Cost">Its total cost Σ Plan ∘ M (POT's <c>ot.emd2</c>); unique even when the plan is not.</param>
public sealed record ExactTransportResult(double[,] Plan, double Cost);
