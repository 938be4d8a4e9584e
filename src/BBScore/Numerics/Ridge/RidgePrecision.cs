namespace BBScore.Numerics.Ridge;

/// <summary>Arithmetic used by the ridge solvers.</summary>
public enum RidgePrecision
{
    /// <summary>float32 for the large products (X Xᵀ, the per-alpha leave-one-out residuals, the weights),
    /// float64 for the eigendecomposition and the per-alpha diagonal terms. Targets whose best alphas are
    /// too close for float32 errors to separate are settled by exact error differences
    /// (<see cref="RidgeEigenBasis.LooErrorDifferences"/>), so the choices match scikit-learn's wherever
    /// float64 itself can tell the alphas apart.</summary>
    Mixed,

    /// <summary>float64 throughout (about twice the time): for checks and small problems.</summary>
    Double,
}
