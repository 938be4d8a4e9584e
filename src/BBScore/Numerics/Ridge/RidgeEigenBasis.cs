using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>One eigendecomposition of the centred training features from which the ridge fit and the
/// exact leave-one-out (LOO) errors for every alpha of a grid follow by diagonal rescaling, as in
/// scikit-learn's <c>_RidgeGCV</c>. Two forms, chosen like sklearn's <c>gcv_mode='auto'</c>:
/// <see cref="KernelEigenBasis"/> (eigh of X Xᵀ) when rows ≤ features, <see cref="CovarianceEigenBasis"/>
/// (eigh of XᵀX, sklearn's SVD of X) otherwise.
/// <para>Intercept: X and y are centred, so the intercept is the one unpenalised direction. Both forms keep
/// it out of the penalised basis and count it in the LOO algebra exactly as sklearn's added
/// intercept column does (its hat-matrix share is 1/n).</para></summary>
internal abstract class RidgeEigenBasis : IDisposable
{
    protected RidgeEigenBasis(int rows, double[] alphas, ScalarType computeType)
    {
        Rows = rows;
        Alphas = alphas;
        ComputeType = computeType;
    }

    public int Rows { get; }

    /// <summary>The grid the per-alpha diagonal tables were built for; LOO methods take indices into it.</summary>
    public double[] Alphas { get; }

    /// <summary>Precision of the large products (float32 in mixed mode).</summary>
    public ScalarType ComputeType { get; }

    /// <summary>Coordinates of centred targets in the basis (rank × targets), in the targets' dtype.</summary>
    public abstract Tensor Project(Tensor centredTargets);

    /// <summary>Mean squared LOO error (float64, one row per requested alpha index, one column per target),
    /// computed in the dtype of <paramref name="centredTargets"/> (float32 or float64).</summary>
    public abstract double[,] LooMeanSquaredErrors(Tensor centredTargets, Tensor projection, IReadOnlyList<int> alphaIndices, CancellationToken cancel);

    /// <summary>LOO error of each alpha in <paramref name="others"/> minus that of <paramref name="reference"/>
    /// (one row per other alpha, one column per target), accurate relative to the difference itself even in
    /// float32: (e_a − e_b) comes from one GEMM with a factor whose difference is formed in float64, and
    /// ‖e_a‖² − ‖e_b‖² = (e_a − e_b)·(e_a + e_b). This settles near ties that plain float32 errors cannot.</summary>
    public abstract double[,] LooErrorDifferences(Tensor centredTargets, Tensor projection, int reference, IReadOnlyList<int> others, CancellationToken cancel);

    /// <summary>Writes the weights for each target's alpha into <paramref name="destination"/> (float32): dual
    /// coefficients (rows × targets) for the kernel form, primal weights (features × targets) for the covariance form.</summary>
    public abstract void WriteWeights(Tensor projection, double[] alphaPerTarget, Tensor destination);

    /// <summary>A vector that fixes the fitted model for this alpha up to an overall scale (to which LOO
    /// residuals are blind). Two alphas whose shapes differ by less than ~1e-12 give the same model to
    /// float64 precision; see <see cref="AlphaGridPlan"/>.</summary>
    public abstract double[] FilterShape(double alpha);

    /// <summary>Wraps weights written by <see cref="WriteWeights"/> as a model that can predict.</summary>
    public abstract RidgeWeights CreateWeights(float[] weights, int targets, CenteredFeatures features);

    /// <summary>Row vector r such that x̄·W = r·(weights written by <see cref="WriteWeights"/>), float64: for the intercept ȳ − x̄·W.</summary>
    public abstract Tensor MeanRow(CenteredFeatures features);

    /// <summary>Mean over rows of each column's squares: the mean squared LOO error per target.</summary>
    protected double[] MeanSquares(Tensor residuals)
    {
        var values = SumsOfSquares(residuals);
        for (int j = 0; j < values.Length; j++) values[j] /= Rows;
        return values;
    }

    /// <summary>Each column's sum of squares (of one block of rows, to be added over blocks).</summary>
    protected static double[] SumsOfSquares(Tensor residuals)
    {
        using var norms = linalg.vector_norm(residuals, 2, [0]);
        var values = ManagedTensors.ToDoubles(norms);
        for (int j = 0; j < values.Length; j++) values[j] *= values[j];
        return values;
    }

    /// <summary>(‖r + c‖² − ‖r‖²)/n per column, as mean(c ∘ (2r + c)), using <paramref name="work"/> as scratch.</summary>
    protected double[] MeanSquareChange(Tensor referenceResiduals, Tensor change, Tensor work)
    {
        var values = SumsOfSquareChanges(referenceResiduals, change, work);
        for (int j = 0; j < values.Length; j++) values[j] /= Rows;
        return values;
    }

    /// <summary>Σ c ∘ (2r + c) per column (of one block of rows), using <paramref name="work"/> as scratch.</summary>
    protected static double[] SumsOfSquareChanges(Tensor referenceResiduals, Tensor change, Tensor work)
    {
        work.copy_(referenceResiduals).MulScalar_(2.0).add_(change).mul_(change);
        using var sum = work.sum([0]);
        return ManagedTensors.ToDoubles(sum);
    }

    protected static void AddRow(double[] values, double[,] into, int row)
    {
        for (int j = 0; j < values.Length; j++) into[row, j] += values[j];
    }

    /// <summary>Sums over rows turned into means, in place.</summary>
    protected double[,] DividedByRows(double[,] sums)
    {
        for (int i = 0; i < sums.GetLength(0); i++)
            for (int j = 0; j < sums.GetLength(1); j++) sums[i, j] /= Rows;
        return sums;
    }

    protected static void CopyRow(double[] values, double[,] into, int row)
    {
        for (int j = 0; j < values.Length; j++) into[row, j] = values[j];
    }

    /// <summary>destination = left · right, straight into destination when the precisions agree.</summary>
    protected static void Product(Tensor left, Tensor right, Tensor destination)
    {
        if (left.dtype == destination.dtype)
        {
            MatrixProduct.Into(destination, left, right);
            return;
        }
        using var product = MatrixProduct.Of(left, right);
        destination.copy_(product);
    }

    /// <summary>Eigenvalues below this × the largest are within the rounding noise of a Gram matrix summed over
    /// <paramref name="terms"/> products in the given precision (unit roundoff × √terms, with a factor 10 of margin),
    /// i.e. indistinguishable from zero.</summary>
    protected static double NegligibleEigenvalue(ScalarType productType, long terms)
        => 10 * (productType == ScalarType.Float32 ? 6e-8 : 1.1e-16) * Math.Sqrt(terms);

    public static RidgeEigenBasis For(CenteredFeatures features, double[] alphas, ScalarType computeType, RidgeSolverOptions options)
        => features.Rows <= features.Cols
            ? KernelEigenBasis.Create(features, alphas, computeType, options)
            : CovarianceEigenBasis.Create(features, alphas, computeType, options.LeftVectorsBudgetBytes);

    public abstract void Dispose();
}
