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

/// <summary>Precision of the kernel form's eigendecomposition of the n × n Gram matrix.</summary>
public enum RidgeEigenPrecision
{
    /// <summary>float32 in mixed precision from <see cref="RidgeSolverOptions.SingleEigenFromRows"/> training rows on,
    /// float64 otherwise.</summary>
    Auto,

    /// <summary>float64 (LAPACK dsyevr): 2 n² doubles at the peak.</summary>
    Double,

    /// <summary>float32 (LAPACK ssyevd): 1.5 n² doubles at the peak and about 2.4 times faster. The Gram matrix is summed in
    /// float32 in mixed precision anyway; what float32 costs a fit is measured in docs/PERFORMANCE.md.</summary>
    Single,
}
