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
    readonly Tensor? _q64;              // n × r, orthonormal columns, all orthogonal to the constant vector (a transposed view of Qᵀ)
    readonly Tensor? _q32;              // float32 row-major copy for mixed precision
    readonly long _rank;
    readonly Tensor _lambda;            // r eigenvalues (float64, ≥ 0)
    readonly double[] _lambdaValues;
    readonly Tensor _inverseDiagonals;  // n × alphas: G_ii(α) = Σ_k Q_ik² / (λ_k + α), float64
    readonly long _looBlockBytes;       // float64 bytes of one row block of the LOO factor
    readonly Tensor _meanRow;           // (Xc x̄)ᵀ, 1 × n float64: x̄·W = _meanRow · c

    /// <param name="qt">Qᵀ (r × n, contiguous float64); the basis keeps it and reads Q through a transposed view.</param>
    KernelEigenBasis(int rows, double[] alphas, ScalarType computeType, Tensor qt, Tensor lambda, Tensor inverseDiagonals, Tensor meanRow, long looBlockBytes, bool singleEigen)
        : base(rows, alphas, computeType)
    {
        _meanRow = meanRow.DetachFromDisposeScope();
        _looBlockBytes = Math.Max(1, looBlockBytes);
        // The basis owns these tensors for its whole life: no dispose scope may free them.
        _rank = qt.shape[0];
        _lambda = lambda.DetachFromDisposeScope();
        _lambdaValues = ManagedTensors.ToDoubles(lambda);
        _inverseDiagonals = inverseDiagonals.DetachFromDisposeScope();
        using (var q64 = qt.t())
        {
            if (computeType == ScalarType.Float32)
            {
                // Row-major (contiguous rows of Q): the LOO passes copy blocks of its rows.
                _q32 = empty(q64.shape[0], q64.shape[1], ScalarType.Float32).DetachFromDisposeScope();
                _q32.copy_(q64);
            }
            // From a float32 decomposition Q has float32 accuracy: its float32 copy alone is kept (n² doubles less in the
            // chunk phase), and the near-tie refinement reads it in float64 a block of rows at a time.
            if (!(singleEigen && _q32 is not null)) _q64 = q64.alias().DetachFromDisposeScope();
        }
        qt.Dispose();
    }

    /// <param name="options">The LOO block size (<see cref="RidgeSolverOptions.LooBlockBytes"/>) and the decomposition's precision
    /// (<see cref="RidgeSolverOptions.EigenPrecision"/>).</param>
    public static KernelEigenBasis Create(CenteredFeatures features, double[] alphas, ScalarType computeType, RidgeSolverOptions options)
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
                // Disposed at once: a live view would keep a 512 MiB block of features on disk allocated until the basis is built.
                using var block = features.ColumnBlock(start, count);
                accumulator.Add(block);
                using var means = features.BlockMeans(start, count);
                using var meansColumn = means.t();
                MatrixProduct.Into(meanColumn, block, meansColumn, beta: 1);
            }
            features.ReleaseBuffers(); // a block of features on disk can be 512 MiB: not beside the n × n buffers
            gram = accumulator.ToFloat64(); // the float32 accumulator is freed here, before the decomposition
        }
        var meanRow = meanColumn.t().to_type(ScalarType.Float64);
        bool single = options.UsesSingleEigen(features.Rows);
        var (lambda, qt) = EigenOrthogonalToConstant(gram, single);
        lambda = ZeroNegligible(lambda, NegligibleEigenvalue(computeType, features.Cols));
        var inverseDiagonals = InverseDiagonals(qt, lambda, alphas, options.LooBlockBytes);
        return new KernelEigenBasis(features.Rows, alphas, computeType, qt, lambda, inverseDiagonals, meanRow, options.LooBlockBytes, single);
    }

    /// <summary>Eigenpairs of a symmetric K whose null space contains the constant vector u = 1/√n, restricted
    /// to u's orthogonal complement. A Householder reflection H = I − β v vᵀ (v = u + e₁) maps u to −e₁,
    /// so the trailing (n−1) × (n−1) block of H K H is K expressed in an orthonormal basis of that complement;
    /// its eigenvectors are mapped back by H. Unlike sklearn's "add 11ᵀ and pick the eigenvector closest to
    /// the constant", this cannot mix the intercept direction with a data eigenvalue that happens to be near n,
    /// and it ignores any common offset left in the rows of X (only the complement of u is used).
    /// <para>Memory: n × n buffers dominate (a 22,248-image set makes each 4 GB in float64), so K is reflected in place
    /// by two rank-1 updates, each buffer is freed as soon as the next exists, and the result is Qᵀ (eigenvector j in row
    /// j), which the basis uses through a transposed view rather than a transposed copy. In float64 the block is
    /// decomposed by dsyevr with the eigenvectors written straight into Qᵀ's buffer: two n × n float64 buffers at most
    /// (K and the block, then the block and Qᵀ). With <paramref name="single"/> the block is decomposed in float32 by
    /// ssyevd in its own buffer: 1.5 (K and the float32 block; the block and ssyevd's workspace; the block and Qᵀ).</para></summary>
    /// <param name="k">Consumed: disposed once its block is copied out.</param>
    /// <returns>The eigenvalues (r = n − 1) and Qᵀ (r × n, float64, contiguous).</returns>
    static (Tensor Lambda, Tensor Qt) EigenOrthogonalToConstant(Tensor k, bool single)
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
        {
            block = empty(n - 1, n - 1, single ? ScalarType.Float32 : ScalarType.Float64);
            block.copy_(corner);
        }
        NativeEnvironment.TrimHeap();
        // Qᵀ = [0, vectorsᵀ] − β (vectorsᵀ v[1:]) vᵀ, built in one (n−1) × n buffer.
        Tensor qt, lambda;
        if (single)
        {
            lambda = SymmetricEigen.DecomposeSingleInPlace(block); // the block now holds the eigenvectors as rows
            NativeEnvironment.TrimHeap();
            qt = empty(n - 1, n, ScalarType.Float64);
            using (block)
            using (var rest = qt.narrow(1, 1, n - 1))
                rest.copy_(block);
        }
        else
        {
            // The decomposition writes eigenvector j into row j from column 1 on: no separate vectors buffer, no padded copy.
            qt = empty(n - 1, n, ScalarType.Float64);
            lambda = SymmetricEigen.DecomposeIntoRows(block, qt, column: 1); // consumes the block
        }
        using (var first = qt.select(1, 0)) first.zero_();
        NativeEnvironment.TrimHeap();
        var projection = qt.mv(v); // = vectorsᵀ v[1:], column 0 being zero (and qt contiguous: no copy for the product)
        qt.addr_(projection.mul(-beta), v);
        return (lambda, qt);
    }

    /// <summary>G_ii(α) = Σ_k Q_ik² / (λ_k + α) for every row i and alpha (n × alphas, float64), a block of Qᵀ's columns at a
    /// time: Q² whole would be one more n × n buffer.</summary>
    static Tensor InverseDiagonals(Tensor qt, Tensor lambda, double[] alphas, long blockBytes)
    {
        using var scope = NewDisposeScope();
        long r = qt.shape[0], n = qt.shape[1];
        var alphaRow = tensor(alphas, [1, alphas.Length]);
        var filters = lambda.unsqueeze(1).add(alphaRow).reciprocal_();   // r × alphas
        var result = empty(n, alphas.Length, ScalarType.Float64);
        long width = Math.Max(1, blockBytes / (Math.Max(1, r) * 8));
        for (long start = 0; start < n; start += width)
        {
            using var inner = NewDisposeScope();
            long count = Math.Min(width, n - start);
            var squared = qt.narrow(1, start, count).square();           // r × count
            result.narrow(0, start, count).copy_(squared.t().mm(filters));
        }
        return result.MoveToOuterDisposeScope();
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

    Tensor Q(ScalarType type) => type == ScalarType.Float64
        ? _q64 ?? throw new InvalidOperationException("This basis was built for float32 targets.")
        : _q32 ?? throw new InvalidOperationException("This basis was built for float64 targets.");

    /// <summary>Rows of Q in float64 (a view, or a float64 copy of the float32 rows when only those are kept).</summary>
    Tensor Float64Rows(long start, long count) => _q64 is not null ? _q64.narrow(0, start, count) : _q32!.narrow(0, start, count).to_type(ScalarType.Float64);

    public override Tensor Project(Tensor centredTargets) => MatrixProduct.Of(Q(centredTargets.dtype).t(), centredTargets);

    /// <summary>Row ranges of the LOO factor, each at most the LOO block size in float64: residuals are formed a block of
    /// rows at a time, because the factors and residuals of all n rows at once would be n × n and n × t buffers beside
    /// Q (for TVSD's 22,248 training images, 2–4 GB each).</summary>
    IEnumerable<(long Start, long Count)> FactorRowBlocks()
    {
        long r = Math.Max(1, _rank), size = Math.Max(1, _looBlockBytes / (r * 8));
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
            var qRows = Float64Rows(start, count);
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
        _q64?.Dispose();
        _q32?.Dispose();
        _lambda.Dispose();
        _inverseDiagonals.Dispose();
        _meanRow.Dispose();
    }
}
