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

    KernelEigenBasis(int rows, double[] alphas, ScalarType computeType, Tensor q64, Tensor lambda, Tensor inverseDiagonals)
        : base(rows, alphas, computeType)
    {
        // The basis owns these tensors for its whole life: no dispose scope may free them.
        _q64 = q64.DetachFromDisposeScope();
        _lambda = lambda.DetachFromDisposeScope();
        _lambdaValues = ManagedTensors.ToDoubles(lambda);
        _inverseDiagonals = inverseDiagonals.DetachFromDisposeScope();
        _q32 = computeType == ScalarType.Float32 ? _q64.to_type(ScalarType.Float32).DetachFromDisposeScope() : null;
    }

    public static KernelEigenBasis Create(CenteredFeatures features, double[] alphas, ScalarType computeType)
    {
        using var scope = NewDisposeScope();
        Tensor gram;
        using (var accumulator = new GramAccumulator(features.Rows, computeType))
        {
            foreach (var (start, count) in features.ColumnBlocks()) accumulator.Add(features.ColumnBlock(start, count));
            gram = accumulator.ToFloat64(); // the float32 accumulator is freed here, before the decomposition
        }
        var (lambda, q) = EigenOrthogonalToConstant(gram);
        lambda = ZeroNegligible(lambda, NegligibleEigenvalue(computeType, features.Cols));
        using var alphaRow = tensor(alphas, [1, alphas.Length]);
        Tensor inverseDiagonals;
        using (var squared = q.square()) inverseDiagonals = squared.mm(lambda.unsqueeze(1).add(alphaRow).reciprocal_());
        return new KernelEigenBasis(features.Rows, alphas, computeType, q, lambda, inverseDiagonals);
    }

    /// <summary>Eigenpairs of a symmetric K whose null space contains the constant vector u = 1/√n, restricted
    /// to u's orthogonal complement. A Householder reflection H = I − β v vᵀ (v = u + e₁) maps u to −e₁,
    /// so the trailing (n−1) × (n−1) block of H K H is K expressed in an orthonormal basis of that complement;
    /// its eigenvectors are mapped back by H. Unlike sklearn's "add 11ᵀ and pick the eigenvector closest to
    /// the constant", this cannot mix the intercept direction with a data eigenvalue that happens to be near n,
    /// and it ignores any common offset left in the rows of X (only the complement of u is used).</summary>
    /// <para>Memory: n × n float64 buffers dominate (a 22,248-image set makes each 4 GB), so K is reflected in place
    /// by two rank-1 updates, each buffer is freed as soon as the next exists, and the block is decomposed in its own
    /// buffer (<see cref="SymmetricEigen"/>): at most the block and the vectors, then the vectors and Q, are alive at once.</para>
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
        using (k) block = k.narrow(0, 1, n - 1).narrow(1, 1, n - 1).contiguous();
        NativeEnvironment.TrimHeap();
        Tensor lambda, vectors;
        (lambda, vectors) = SymmetricEigen.Decompose(block); // consumes the block: one working copy plus the vectors
        // Q = H[:, 1:] · vectors = [0; vectors] − β v (v[1:]ᵀ vectors)
        var projection = v.narrow(0, 1, n - 1).unsqueeze(0).mm(vectors).squeeze(0);
        Tensor q;
        using (vectors) q = cat([zeros(1, n - 1, ScalarType.Float64), vectors], 0);
        q.addr_(v, projection.mul(-beta));
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

    public override double[,] LooMeanSquaredErrors(Tensor centredTargets, Tensor projection, IReadOnlyList<int> alphaIndices, CancellationToken cancel)
    {
        var type = projection.dtype;
        long targets = projection.shape[1];
        var result = new double[alphaIndices.Count, targets];
        using var scope = NewDisposeScope();
        var q = Q(type);
        var factor = empty_like(q);                   // reused for every alpha: fresh memory is slow
        var residuals = empty(Rows, targets, type);
        for (int row = 0; row < alphaIndices.Count; row++)
        {
            cancel.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            int a = alphaIndices[row];
            // LOO residuals E = diag(1/G_ii) Q diag(1/(λ+α)) B, with B = Qᵀ y: the diagonal terms in float64,
            // the n × r factor and the one GEMM per alpha in the compute precision.
            var weights = _lambda.AddScalar(Alphas[a]).reciprocal_().to_type(type);
            var rowScale = _inverseDiagonals.select(1, a).reciprocal().to_type(type);
            factor.copy_(q).mul_(weights.unsqueeze(0)).mul_(rowScale.unsqueeze(1));
            MatrixProduct.Into(residuals, factor, projection);
            CopyRow(MeanSquares(residuals), result, row);
        }
        return result;
    }

    public override double[,] LooErrorDifferences(Tensor centredTargets, Tensor projection, int reference, IReadOnlyList<int> others, CancellationToken cancel)
    {
        var type = projection.dtype;
        var result = new double[others.Count, projection.shape[1]];
        using var scope = NewDisposeScope();
        var referenceFactor = ResidualFactor64(reference);
        var referenceResiduals = MatrixProduct.Of(referenceFactor.to_type(type), projection);
        var factor = empty_like(_q64);
        var factorInType = empty_like(Q(type));
        var change = empty_like(referenceResiduals);
        var work = empty_like(referenceResiduals);
        for (int row = 0; row < others.Count; row++)
        {
            cancel.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            // e_a − e_b from one GEMM with the factor difference formed in float64
            factor.copy_(_q64);
            ScaleToResidualFactor(factor, others[row]).sub_(referenceFactor);
            factorInType.copy_(factor);
            MatrixProduct.Into(change, factorInType, projection);
            CopyRow(MeanSquareChange(referenceResiduals, change, work), result, row);
        }
        return result;
    }

    /// <summary>diag(1/G_ii(α)) Q diag(1/(λ+α)), n × r in float64: LOO residuals are this times B = Qᵀy.</summary>
    Tensor ResidualFactor64(int alpha) => ScaleToResidualFactor(_q64.clone(), alpha);

    Tensor ScaleToResidualFactor(Tensor qCopy, int alpha)
    {
        using var weights = _lambda.AddScalar(Alphas[alpha]).reciprocal_();
        using var rowScale = _inverseDiagonals.select(1, alpha).reciprocal();
        return qCopy.mul_(weights.unsqueeze(0)).mul_(rowScale.unsqueeze(1));
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
        => new DualRidgeWeights(features.Source, features.Means, weights, targets);

    public override Tensor MeanRow(CenteredFeatures features)
    {
        // x̄·W = x̄·Xcᵀ·c, so the row is (Xc x̄)ᵀ (length n), accumulated over column blocks.
        using var scope = NewDisposeScope();
        var means = tensor(features.Means, [features.Means.Length, 1]).to_type(features.ComputeType);
        var row = zeros(features.Rows, 1, features.ComputeType);
        foreach (var (start, count) in features.ColumnBlocks())
            MatrixProduct.Into(row, features.ColumnBlock(start, count), means.narrow(0, start, count), beta: 1);
        return row.t().to_type(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
        _q64.Dispose();
        _q32?.Dispose();
        _lambda.Dispose();
        _inverseDiagonals.Dispose();
    }
}
