using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>The n ≤ p form (sklearn's gcv_mode 'eigen'): eigendecomposition K = Q Λ Qᵀ of the n × n Gram
/// matrix of the centred features, restricted to the directions orthogonal to the constant vector.
/// <para>With G(α) = Q diag(1/(λ+α)) Qᵀ, the dual coefficients are c = G y and the exact LOO residual of
/// sample i is c_i / G_ii (sklearn's "looe = c / diag(G⁻¹)"). Leaving the constant direction out of Q is
/// sklearn's <c>w[intercept_dim] = 0</c>: the intercept is not penalised, and α·G = I − H where H is the
/// hat matrix of ridge-with-intercept. Weights W = Xcᵀ c are kept in dual form.</para></summary>
internal sealed class KernelEigenBasis : RidgeEigenBasis
{
    readonly Tensor _q64;               // n × r, orthonormal columns, all orthogonal to the constant vector
    readonly Tensor? _q32;              // float32 copy for mixed precision
    readonly Tensor _lambda;            // r eigenvalues (float64, ≥ 0)
    readonly double[] _lambdaValues;
    readonly Tensor _inverseDiagonals;  // n × alphas: G_ii(α) = Σ_k Q_ik² / (λ_k + α), float64
    readonly long _looBlockBytes;       // float64 bytes of one row block of the LOO factor
    readonly Tensor _meanRow;           // (Xc x̄)ᵀ, 1 × n float64: x̄·W = _meanRow · c

    KernelEigenBasis(int rows, double[] alphas, ScalarType computeType, Tensor q64, Tensor lambda, Tensor inverseDiagonals, Tensor meanRow, long looBlockBytes)
        : base(rows, alphas, computeType)
    {
        _meanRow = meanRow.DetachFromDisposeScope();
        _looBlockBytes = Math.Max(1, looBlockBytes);
        // The basis owns these tensors for its whole life: no dispose scope may free them.
        _q64 = q64.DetachFromDisposeScope();
        _lambda = lambda.DetachFromDisposeScope();
        _lambdaValues = ManagedTensors.ToDoubles(lambda);
        _inverseDiagonals = inverseDiagonals.DetachFromDisposeScope();
        _q32 = computeType == ScalarType.Float32 ? _q64.to_type(ScalarType.Float32).DetachFromDisposeScope() : null;
    }

    /// <param name="looBlockBytes">Float64 bytes of one row block of the LOO factor (<see cref="RidgeSolverOptions.LooBlockBytes"/>).</param>
    public static KernelEigenBasis Create(CenteredFeatures features, double[] alphas, ScalarType computeType, long looBlockBytes)
    {
        using var scope = NewDisposeScope();
        Tensor gram;
        // x̄·W = x̄·Xcᵀ·c for the intercept, so the row (Xc x̄)ᵀ is accumulated in the same pass: features on disk are then
        // read once for the fit.
        var meanColumn = zeros(features.Rows, 1, features.ComputeType);
        using (var accumulator = new GramAccumulator(features.Rows, computeType))
        {
            foreach (var (start, count) in features.ColumnBlocks())
            {
                var block = features.ColumnBlock(start, count);
                accumulator.Add(block);
                using var means = features.BlockMeans(start, count);
                using var meansColumn = means.t();
                MatrixProduct.Into(meanColumn, block, meansColumn, beta: 1);
            }
            gram = accumulator.ToFloat64(); // the float32 accumulator is freed here, before the decomposition
        }
        var meanRow = meanColumn.t().to_type(ScalarType.Float64);
        var (lambda, q) = EigenOrthogonalToConstant(gram);
        lambda = ZeroNegligible(lambda, NegligibleEigenvalue(computeType, features.Cols));
        using var alphaRow = tensor(alphas, [1, alphas.Length]);
        Tensor inverseDiagonals;
        using (var squared = q.square()) inverseDiagonals = squared.mm(lambda.unsqueeze(1).add(alphaRow).reciprocal_());
        return new KernelEigenBasis(features.Rows, alphas, computeType, q, lambda, inverseDiagonals, meanRow, looBlockBytes);
    }

    /// <summary>Eigenpairs of a symmetric K whose null space contains the constant vector u = 1/√n, restricted
    /// to u's orthogonal complement. A Householder reflection H = I − β v vᵀ (v = u + e₁) maps u to −e₁,
    /// so the trailing (n−1) × (n−1) block of H K H is K expressed in an orthonormal basis of that complement;
    /// its eigenvectors are mapped back by H. Unlike sklearn's "add 11ᵀ and pick the eigenvector closest to
    /// the constant", this cannot mix the intercept direction with a data eigenvalue that happens to be near n,
    /// and it ignores any common offset left in the rows of X (only the complement of u is used).</summary>
    /// <para>Memory: n × n float64 buffers dominate (a 22,248-image set makes each 4 GB), so K is reflected in place
    /// by two rank-1 updates, each buffer is freed as soon as the next exists, the block is decomposed in its own buffer
    /// (<see cref="SymmetricEigen"/>) with the eigenvectors written straight into Qᵀ's buffer, and Q is Qᵀ transposed:
    /// two n × n buffers at most (the block and Qᵀ, then Qᵀ and Q).</para>
    /// <param name="k">Consumed: disposed once its block is copied out.</param>
    static (Tensor Lambda, Tensor Q) EigenOrthogonalToConstant(Tensor k)
    {
        long n = k.shape[0];
        var vValues = Enumerable.Repeat(1.0 / Math.Sqrt(n), (int)n).ToArray();
        vValues[0] += 1.0;
        var v = tensor(vValues);
        double beta = 2.0 / v.dot(v).item<double>();
        var z = k.mv(v);
        double gamma = v.dot(z).item<double>();
        // H K H = K − β (v zᵀ + z vᵀ) + β² γ v vᵀ = K + v wᵀ + w vᵀ with w = −β z + ½ β² γ v.
        var w = z.MulScalar(-beta).AddScaled_(v, 0.5 * beta * beta * gamma);
        k.addr_(v, w).addr_(w, v);
        Tensor block;
        // Every view below is disposed at once: a view keeps its whole buffer alive until it is disposed, and the dispose
        // scope would hold these until the basis is built (K, then Qᵀ, beside the buffers that replace them).
        using (k)
        using (var rows = k.narrow(0, 1, n - 1))
        using (var corner = rows.narrow(1, 1, n - 1))
            block = corner.contiguous();
        NativeEnvironment.TrimHeap();
        // Qᵀ = [0, vectorsᵀ] − β (vectorsᵀ v[1:]) vᵀ, built in one (n−1) × n buffer: the decomposition writes eigenvector j
        // into row j from column 1 on, so that no separate vectors buffer and no padded copy exist.
        var qt = empty(n - 1, n, ScalarType.Float64);
        using (var first = qt.select(1, 0)) first.zero_();
        var lambda = SymmetricEigen.DecomposeIntoRows(block, qt, column: 1); // consumes the block
        NativeEnvironment.TrimHeap();
        var projection = qt.mv(v); // = vectorsᵀ v[1:], column 0 being zero (and qt contiguous: no copy for the product)
        qt.addr_(projection.mul(-beta), v);
        Tensor q;
        using (qt)
        using (var transposed = qt.t())
            q = transposed.contiguous();
        return (lambda, q);
    }

    /// <summary>Eigenvalues below rounding × largest are noise (they can even be slightly negative);
    /// they are set to exactly 0, so 1/(λ+α) stays positive and equals sklearn's 1/α for a true null direction.</summary>
    static Tensor ZeroNegligible(Tensor lambda, double relativeTolerance)
    {
        var values = ManagedTensors.ToDoubles(lambda);
        double largest = Math.Max(0, values.DefaultIfEmpty(0).Max());
        for (int i = 0; i < values.Length; i++)
            if (values[i] <= relativeTolerance * largest) values[i] = 0;
        return tensor(values);
    }

    Tensor Q(ScalarType type) => type == ScalarType.Float64 ? _q64 : _q32 ?? throw new InvalidOperationException("This basis was built for float64 targets.");

    public override Tensor Project(Tensor centredTargets) => MatrixProduct.Of(Q(centredTargets.dtype).t(), centredTargets);

    /// <summary>Row ranges of the LOO factor, each at most the LOO block size in float64: residuals are formed a block of
    /// rows at a time, because the factors and residuals of all n rows at once would be n × n and n × t buffers beside
    /// Q (for TVSD's 22,248 training images, 2–4 GB each).</summary>
    IEnumerable<(long Start, long Count)> FactorRowBlocks()
    {
        long r = Math.Max(1, _q64.shape[1]), size = Math.Max(1, _looBlockBytes / (r * 8));
        for (long start = 0; start < Rows; start += size) yield return (start, Math.Min(size, Rows - start));
    }

    public override double[,] LooMeanSquaredErrors(Tensor centredTargets, Tensor projection, IReadOnlyList<int> alphaIndices, CancellationToken cancel)
    {
        var type = projection.dtype;
        long targets = projection.shape[1];
        var sums = new double[alphaIndices.Count, targets];
        using var scope = NewDisposeScope();
        var q = Q(type);
        foreach (var (start, count) in FactorRowBlocks())
        {
            using var block = NewDisposeScope();
            var qRows = q.narrow(0, start, count);
            var factor = empty_like(qRows);                     // reused for every alpha: fresh memory is slow
            var residuals = empty(count, targets, type);
            for (int row = 0; row < alphaIndices.Count; row++)
            {
                cancel.ThrowIfCancellationRequested();
                using var inner = NewDisposeScope();
                int a = alphaIndices[row];
                // LOO residuals E = diag(1/G_ii) Q diag(1/(λ+α)) B, with B = Qᵀ y: the diagonal terms in float64,
                // the factor's rows and the one GEMM per alpha and block in the compute precision.
                var weights = _lambda.AddScalar(Alphas[a]).reciprocal_().to_type(type);
                var rowScale = _inverseDiagonals.narrow(0, start, count).select(1, a).reciprocal().to_type(type);
                factor.copy_(qRows).mul_(weights.unsqueeze(0)).mul_(rowScale.unsqueeze(1));
                MatrixProduct.Into(residuals, factor, projection);
                AddRow(SumsOfSquares(residuals), sums, row);
            }
        }
        return DividedByRows(sums);
    }

    public override double[,] LooErrorDifferences(Tensor centredTargets, Tensor projection, int reference, IReadOnlyList<int> others, CancellationToken cancel)
    {
        var type = projection.dtype;
        var sums = new double[others.Count, projection.shape[1]];
        using var scope = NewDisposeScope();
        foreach (var (start, count) in FactorRowBlocks())
        {
            using var block = NewDisposeScope();
            var qRows = _q64.narrow(0, start, count);
            var referenceFactor = ScaleToResidualFactor(qRows.clone(), reference, start);
            var referenceResiduals = MatrixProduct.Of(referenceFactor.to_type(type), projection);
            var factor = empty_like(qRows);
            var factorInType = empty(count, qRows.shape[1], type);
            var change = empty_like(referenceResiduals);
            var work = empty_like(referenceResiduals);
            for (int row = 0; row < others.Count; row++)
            {
                cancel.ThrowIfCancellationRequested();
                using var inner = NewDisposeScope();
                // e_a − e_b from one GEMM with the factor difference formed in float64
                factor.copy_(qRows);
                ScaleToResidualFactor(factor, others[row], start).sub_(referenceFactor);
                factorInType.copy_(factor);
                MatrixProduct.Into(change, factorInType, projection);
                AddRow(SumsOfSquareChanges(referenceResiduals, change, work), sums, row);
            }
        }
        return DividedByRows(sums);
    }

    /// <summary>Rows <paramref name="start"/>… of diag(1/G_ii(α)) Q diag(1/(λ+α)) in place of those rows of Q (float64).</summary>
    Tensor ScaleToResidualFactor(Tensor qRows, int alpha, long start)
    {
        using var weights = _lambda.AddScalar(Alphas[alpha]).reciprocal_();
        using var rowScale = _inverseDiagonals.narrow(0, start, qRows.shape[0]).select(1, alpha).reciprocal();
        return qRows.mul_(weights.unsqueeze(0)).mul_(rowScale.unsqueeze(1));
    }

    public override void WriteWeights(Tensor projection, double[] alphaPerTarget, Tensor destination)
    {
        using var scope = NewDisposeScope();
        var type = projection.dtype;
        var alphaRow = tensor(alphaPerTarget, [1, alphaPerTarget.Length]).to_type(type);
        // Dual coefficients c_j = Q diag(1/(λ+α_j)) Qᵀ y_j for every target's own alpha.
        var filter = _lambda.to_type(type).unsqueeze(1).add(alphaRow).reciprocal_();
        Product(Q(type), filter.mul_(projection), destination);
    }

    public override double[] FilterShape(double alpha)
    {
        double smallest = _lambdaValues.Length == 0 ? 0 : _lambdaValues.Min();
        return _lambdaValues.Select(l => (smallest + alpha) / (l + alpha)).ToArray();
    }

    public override RidgeWeights CreateWeights(float[] weights, int targets, CenteredFeatures features)
        => new DualRidgeWeights(features.Source, features.Means, weights, targets, features.StreamBlockBytes);

    /// <summary>(Xc x̄)ᵀ, accumulated with the Gram matrix (a copy: the caller owns it).</summary>
    public override Tensor MeanRow(CenteredFeatures features) => _meanRow.clone();

    public override void Dispose()
    {
        _q64.Dispose();
        _q32?.Dispose();
        _lambda.Dispose();
        _inverseDiagonals.Dispose();
        _meanRow.Dispose();
    }
}
