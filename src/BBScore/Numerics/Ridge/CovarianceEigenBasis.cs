using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>The n &gt; p form (sklearn's gcv_mode 'svd'): XcᵀXc = V Λ Vᵀ and U = Xc V Λ^(−1/2), i.e. the
/// thin SVD of the centred features, obtained from a p × p eigh instead of an n × p SVD.
/// <para>With s_k(α) = λ_k/(λ_k+α), ridge-with-intercept has hat matrix H = 11ᵀ/n + U diag(s) Uᵀ (the 1/n
/// is sklearn's appended intercept column, which its SVD form leaves unpenalised), so the LOO residual is
/// (y − ŷ)_i / (1 − H_ii). The residual is computed as r₀ + U diag(α/(λ+α)) Uᵀy with r₀ = y − U Uᵀy
/// (the part of y outside the features' span, the same for every alpha): no alpha-dependent cancellation,
/// so float32 separates neighbouring alphas well. Weights W = V diag(√λ/(λ+α)) Uᵀy are primal.</para>
/// <para>Directions with eigenvalue at rounding level are dropped: sklearn's SVD gives them a weight
/// 1/(s²+α) − 1/α ≈ 0, i.e. they contribute nothing either.</para>
/// <para>U (n × r) is as large as X. Up to <see cref="RidgeSolverOptions.LeftVectorsBudgetBytes"/> it is formed once; beyond, it is
/// never stored and products with it go through the centred rows of X, U·M = Xc·(V Λ^(−1/2) M) and
/// Uᵀ·Y = Λ^(−1/2) Vᵀ (Xcᵀ Y), at the cost of one extra p × r × t product each (on workload B, 22248 × 4096,
/// this saves 364 MB of a 1.5 GB peak for 10% more time).</para></summary>
internal sealed class CovarianceEigenBasis : RidgeEigenBasis
{
    readonly Tensor _v;                  // p × r eigenvectors (compute precision)
    readonly CenteredFeatures _features; // Xc, delivered in row blocks (owned by the caller, outlives this basis)
    readonly Tensor _inverseRoots;       // r values λ^(−1/2), compute precision
    readonly Tensor? _u;                 // n × r left singular vectors, when small enough to keep
    readonly Tensor _lambda;             // r eigenvalues, float64
    readonly double[] _lambdaValues;
    readonly Tensor _residualScales;     // n × alphas: 1 / (1 − H_ii(α)), float64

    CovarianceEigenBasis(CenteredFeatures features, double[] alphas, ScalarType computeType, Tensor v, Tensor? u, Tensor lambda, Tensor residualScales)
        : base(features.Rows, alphas, computeType)
    {
        _features = features;
        _u = u?.DetachFromDisposeScope();
        // The basis owns these tensors for its whole life: no dispose scope may free them.
        _v = v.DetachFromDisposeScope();
        _inverseRoots = lambda.rsqrt().to_type(computeType).DetachFromDisposeScope();
        _lambda = lambda.DetachFromDisposeScope();
        _lambdaValues = ManagedTensors.ToDoubles(lambda);
        _residualScales = residualScales.DetachFromDisposeScope();
    }

    /// <param name="leftVectorsBudgetBytes">U is kept when it fits in this many bytes, else used implicitly.</param>
    public static CovarianceEigenBasis Create(CenteredFeatures features, double[] alphas, ScalarType computeType, long leftVectorsBudgetBytes)
    {
        using var scope = NewDisposeScope();
        Tensor covariance;
        using (var accumulator = new GramAccumulator(features.Cols, computeType))
        {
            foreach (var (start, count) in features.RowBlocks()) accumulator.Add(features.RowBlock(start, count).t());
            covariance = accumulator.ToFloat64();
        }
        var (allLambda, allV) = SymmetricEigen.Decompose(covariance); // consumes XᵀX: p × p float64 each, freed as soon as possible
        double largest = Math.Max(0, allLambda.max().item<double>());
        double tolerance = NegligibleEigenvalue(computeType, features.Rows) * largest;
        // eigh sorts ascending, so the kept directions are the last ones.
        long dropped = allLambda.le(tolerance).sum().item<long>();
        long kept = allLambda.shape[0] - dropped;
        var lambda = allLambda.narrow(0, dropped, kept).contiguous();
        var v = allV.narrow(1, dropped, kept).to_type(computeType).contiguous();
        allV.Dispose(); // v holds its own reference to the storage where it shares it
        NativeEnvironment.TrimHeap();
        var toU = v.mul(lambda.rsqrt().to_type(computeType).unsqueeze(0)); // U = Xc V Λ^(−1/2)
        Tensor? u = null;
        if ((long)features.Rows * v.shape[1] * (computeType == ScalarType.Float64 ? 8 : 4) <= leftVectorsBudgetBytes)
        {
            u = empty(features.Rows, v.shape[1], computeType);
            foreach (var (start, count) in features.RowBlocks())
                MatrixProduct.Into(u.narrow(0, start, count), features.RowBlock(start, count), toU);
        }
        var scales = ResidualScales(features, u, toU, lambda, alphas);
        return new CovarianceEigenBasis(features, alphas, computeType, v, u, lambda, scales);
    }

    /// <summary>1/(1 − H_ii(α)) for every row and alpha, with H_ii = 1/n + Σ_k U_ik² λ_k/(λ_k+α), in float64
    /// (accurate enough that differences between alphas stay meaningful), a block of U's rows at a time (taken
    /// from <paramref name="u"/>, or formed as Xc·<paramref name="toU"/> and dropped when U is not kept).</summary>
    static Tensor ResidualScales(CenteredFeatures features, Tensor? u, Tensor toU, Tensor lambda, double[] alphas)
    {
        using var scope = NewDisposeScope();
        int rows = features.Rows;
        using var alphaRow = tensor(alphas, [1, alphas.Length]);
        var shrink = lambda.unsqueeze(1).div(lambda.unsqueeze(1).add(alphaRow)); // r × alphas
        var scales = empty(rows, alphas.Length, ScalarType.Float64);
        foreach (var (start, count) in features.RowBlocks())
        {
            using var inner = NewDisposeScope();
            var uRows = u?.narrow(0, start, count) ?? MatrixProduct.Of(features.RowBlock(start, count), toU);
            var squares = uRows.to_type(ScalarType.Float64, copy: true); // a copy even in float64: U may be stored
            squares.mul_(squares);
            var destination = scales.narrow(0, start, count);
            destination.addmm_(squares, shrink, beta: 0, alpha: 1);
            destination.AddScalar_(1.0 / rows).neg_().AddScalar_(1.0).reciprocal_();
        }
        return scales.MoveToOuterDisposeScope();
    }

    /// <summary>destination = U·m + beta · destination (n × t).</summary>
    void MultiplyU(Tensor m, Tensor destination, double beta = 0)
    {
        if (_u is not null) MatrixProduct.Into(destination, _u, m, beta: beta);
        else MultiplyImplicitU(m, destination, beta);
    }

    /// <summary>destination = U·m + beta · destination as Xc·(V Λ^(−1/2) m), one row block of Xc at a time.</summary>
    void MultiplyImplicitU(Tensor m, Tensor destination, double beta = 0)
    {
        using var scope = NewDisposeScope();
        var inner = MatrixProduct.Of(_v, m.mul(_inverseRoots.unsqueeze(1)));
        foreach (var (start, count) in _features.RowBlocks())
            MatrixProduct.Into(destination.narrow(0, start, count), _features.RowBlock(start, count), inner, beta: beta);
    }

    /// <summary>U·m as a new n × t tensor.</summary>
    Tensor TimesU(Tensor m)
    {
        var result = empty(Rows, m.shape[1], m.dtype);
        MultiplyU(m, result);
        return result;
    }

    void RequireComputeType(Tensor t)
    {
        if (t.dtype != ComputeType) throw new ArgumentException($"This basis computes in {ComputeType}; got {t.dtype} targets.");
    }

    public override Tensor Project(Tensor centredTargets)
    {
        RequireComputeType(centredTargets);
        if (_u is not null) return MatrixProduct.Of(_u.t(), centredTargets);
        // Uᵀy = Λ^(−1/2) Vᵀ (Xcᵀ y), with Xcᵀ y accumulated over row blocks.
        using var scope = NewDisposeScope();
        var crossProduct = zeros(_v.shape[0], centredTargets.shape[1], centredTargets.dtype);
        foreach (var (start, count) in _features.RowBlocks())
            MatrixProduct.Into(crossProduct, _features.RowBlock(start, count).t(), centredTargets.narrow(0, start, count), beta: 1);
        return MatrixProduct.Of(_v.t(), crossProduct).mul_(_inverseRoots.unsqueeze(1)).MoveToOuterDisposeScope();
    }

    public override double[,] LooMeanSquaredErrors(Tensor centredTargets, Tensor projection, IReadOnlyList<int> alphaIndices, CancellationToken cancel)
    {
        RequireComputeType(centredTargets);
        long targets = centredTargets.shape[1];
        var result = new double[alphaIndices.Count, targets];
        using var scope = NewDisposeScope();
        var outside = centredTargets.sub(TimesU(projection)); // r₀ = y − U Uᵀy
        var residuals = empty_like(outside);                 // buffers reused for every alpha: fresh memory is slow
        var scaled = empty_like(projection);
        for (int row = 0; row < alphaIndices.Count; row++)
        {
            cancel.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            int a = alphaIndices[row];
            // LOO residuals E = diag(1/(1 − H_ii)) (r₀ + U diag(α/(λ+α)) Uᵀy)
            scaled.copy_(projection).mul_(Kept(a).unsqueeze(1));
            MultiplyU(scaled, residuals.copy_(outside), beta: 1);
            residuals.mul_(RowScale(a).unsqueeze(1));
            CopyRow(MeanSquares(residuals), result, row);
        }
        return result;
    }

    public override double[,] LooErrorDifferences(Tensor centredTargets, Tensor projection, int reference, IReadOnlyList<int> others, CancellationToken cancel)
    {
        RequireComputeType(centredTargets);
        var result = new double[others.Count, projection.shape[1]];
        using var scope = NewDisposeScope();
        // v_b = r₀ + U diag(α_b/(λ+α_b)) B and e_b = d_b ∘ v_b, with d = 1/(1 − H_ii).
        var referenceInner = centredTargets.sub(TimesU(projection));
        MultiplyU(projection.mul(Kept(reference).unsqueeze(1)), referenceInner, beta: 1);
        var referenceScale = RowScale(reference).unsqueeze(1);
        var referenceResiduals = referenceInner.mul(referenceScale);
        var scaled = empty_like(projection);
        var innerChange = empty_like(referenceInner);
        var change = empty_like(referenceInner);
        var work = empty_like(referenceInner);
        for (int row = 0; row < others.Count; row++)
        {
            cancel.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            int a = others[row];
            double alpha = Alphas[a], alphaRef = Alphas[reference];
            // α_a/(λ+α_a) − α_b/(λ+α_b) = λ(α_a − α_b)/((λ+α_a)(λ+α_b)), without cancellation
            var keptChange = _lambda.MulScalar(alpha - alphaRef).div_(_lambda.AddScalar(alpha).mul_(_lambda.AddScalar(alphaRef))).to_type(ComputeType);
            scaled.copy_(projection).mul_(keptChange.unsqueeze(1));
            MultiplyU(scaled, innerChange);                                                      // v_a − v_b
            var scaleChange = _residualScales.select(1, a).sub(_residualScales.select(1, reference)).to_type(ComputeType).unsqueeze(1);
            // e_a − e_b = (d_a − d_b) ∘ v_a + d_b ∘ (v_a − v_b)
            change.copy_(referenceInner).add_(innerChange).mul_(scaleChange);
            work.copy_(innerChange).mul_(referenceScale);
            change.add_(work);
            CopyRow(MeanSquareChange(referenceResiduals, change, work), result, row);
        }
        return result;
    }

    /// <summary>α/(λ+α) per direction: the share of Uᵀy left in the residual.</summary>
    Tensor Kept(int alpha) => _lambda.AddScalar(Alphas[alpha]).reciprocal_().MulScalar_(Alphas[alpha]).to_type(ComputeType);

    /// <summary>1/(1 − H_ii(α)) per row.</summary>
    Tensor RowScale(int alpha) => _residualScales.select(1, alpha).to_type(ComputeType);

    public override void WriteWeights(Tensor projection, double[] alphaPerTarget, Tensor destination)
    {
        RequireComputeType(projection);
        using var scope = NewDisposeScope();
        var alphaRow = tensor(alphaPerTarget, [1, alphaPerTarget.Length]).to_type(ComputeType);
        // W_j = V diag(√λ/(λ+α_j)) Uᵀ y_j  (= (XcᵀXc + α_j I)⁻¹ Xcᵀ y_j)
        var lambda = _lambda.to_type(ComputeType).unsqueeze(1);
        var filter = lambda.add(alphaRow).reciprocal_().mul_(lambda.sqrt());
        Product(_v, filter.mul_(projection), destination);
    }

    public override double[] FilterShape(double alpha) => _lambdaValues.Select(l => alpha / (l + alpha)).ToArray();

    public override RidgeWeights CreateWeights(float[] weights, int targets, CenteredFeatures features)
        => new PrimalRidgeWeights(weights, features.Cols, targets, features.Means);

    public override Tensor MeanRow(CenteredFeatures features) => tensor(features.Means, [1, features.Means.Length]);

    public override void Dispose()
    {
        _inverseRoots.Dispose();
        _u?.Dispose();
        _v.Dispose();
        _lambda.Dispose();
        _residualScales.Dispose();
    }
}
