using BBScore.Numerics.Correlation;
using static TorchSharp.torch;

namespace BBScore.Numerics.Transport;

/// <summary>
/// Entropic optimal transport (POT's <c>ot.sinkhorn(a, b, M, reg, numItermax, stopThr)</c>): the plan
/// P = diag(e^α) · exp(−M/reg) · diag(e^β) whose rows sum to a and columns to b, found by alternately
/// fitting β (columns) and α (rows). The iterates, the stop rule (‖column sums − b‖₂ &lt; stopThr, tested
/// after iterations 0, 10, 20, …) and therefore the returned plan are those of POT's Sinkhorn–Knopp and
/// of its <c>sinkhorn_log</c>, in float64.
/// </summary>
/// <remarks>
/// <para>Why log-stabilised: POT's default scaling form computes exp(−M/reg), which underflows to 0 once
/// M/reg exceeds ~745 (correlation costs up to 2 with reg ≤ ~3e-3). POT then warns, keeps its last finite
/// iterate and returns a plan that does not solve the problem (or NaN). Here the duals α, β are kept in
/// log form, so every reg gives the true entropic plan, equal to POT's <c>method='sinkhorn_log'</c>
/// (which BBScore's tests use as the reference for small reg); for reg where POT's default runs
/// cleanly, both POT methods and this solver agree.</para>
/// <para>Speed: a pure log-domain step costs an exp per matrix entry. Instead the solver works on a
/// kernel K = exp(−M/reg + α₀ ⊕ β₀) with the duals absorbed so far, and updates scalings u, v with two
/// matrix–vector products per iteration (the cost of POT's default). When a scaling leaves [e^−40, e^40]
/// it is absorbed into the duals and K rebuilt; when a kernel product underflows (a column of K all
/// below ~1e-200, typical in the first iterations at small reg) the step is done exactly in log form
/// (logsumexp) and the solver stays there until steps become small again.</para>
/// </remarks>
public static class Sinkhorn
{
    /// <summary>POT's default stop threshold.</summary>
    public const double DefaultStopThreshold = 1e-9;

    /// <summary>Scalings beyond e^±this are absorbed into the duals, so kernel entries lost to underflow
    /// (below 1e-308) stand for plan entries below ~1e-270.</summary>
    const double AbsorbLog = 40;

    /// <summary>A kernel product below this is too close to underflow to trust; that step goes to log form.</summary>
    const double SmallestProduct = 1e-200;

    /// <param name="a">Source marginal (rows), positive.</param>
    /// <param name="b">Target marginal (columns), positive; should have the same sum as a.</param>
    /// <param name="cost">Cost matrix, finite.</param>
    /// <param name="reg">Entropic regularisation, positive.</param>
    public static SinkhornResult Solve(double[] a, double[] b, double[,] cost, double reg,
        int maxIterations = 1000, double stopThreshold = DefaultStopThreshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(cost);
        TransportInputs.Check(a, b, cost);
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (plan, iterations, error) = Solve(from_array(a), from_array(b), from_array(cost), reg, maxIterations, stopThreshold);
        return new SinkhornResult(PearsonMatrix.ToArray(plan), iterations, error, error < stopThreshold);
    }

    /// <summary>Same on tensors (a: n, b: m, cost: n × m; any float type, computed in float64). The plan is a
    /// float64 tensor in the caller's dispose scope.</summary>
    public static (Tensor Plan, int Iterations, double MarginalError) Solve(Tensor a, Tensor b, Tensor cost, double reg,
        int maxIterations = 1000, double stopThreshold = DefaultStopThreshold)
    {
        if (!(reg > 0) || double.IsInfinity(reg)) throw new ArgumentOutOfRangeException(nameof(reg), reg, "The regularisation must be positive and finite.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "Run at least one iteration.");
        if (cost.dim() != 2 || a.dim() != 1 || b.dim() != 1 || a.shape[0] != cost.shape[0] || b.shape[0] != cost.shape[1])
            throw new ArgumentException($"Expected a (n), b (m) and cost (n × m), got ({string.Join(", ", a.shape)}), ({string.Join(", ", b.shape)}) and ({string.Join(", ", cost.shape)}).");

        using var outer = NewDisposeScope();
        var state = new SinkhornState(a, b, cost, reg);
        int iteration = 0;
        double error = double.PositiveInfinity;
        for (; iteration < maxIterations; iteration++)
        {
            using var step = NewDisposeScope();
            state.Iterate();
            if (iteration % 10 != 0) continue;
            error = state.ColumnMarginalError();
            if (error < stopThreshold) break;
        }
        return (state.Plan().MoveToOuterDisposeScope(), Math.Min(iteration + 1, maxIterations), error);
    }

    /// <summary>The duals and scalings between iterations. Persistent tensors are updated in place, so each
    /// iteration's temporaries can die in its own dispose scope.</summary>
    sealed class SinkhornState
    {
        readonly Tensor _negCostOverReg, _kernel;
        readonly Side _rows, _columns;
        bool _logMode = true;

        /// <summary>exp(−M/reg) stays a normal float64 (above ~1e-300) while M/reg is below this.</summary>
        const double SafeExponent = 690;

        public SinkhornState(Tensor a, Tensor b, Tensor cost, double reg)
        {
            _negCostOverReg = cost.to_type(ScalarType.Float64, copy: true).div_(-reg);
            _kernel = empty_like(_negCostOverReg);
            _rows = new Side(a);
            _columns = new Side(b);
            // Where the kernel for zero duals cannot underflow (every M/reg moderate, as for reg ≥ ~3e-3 with
            // correlation costs), start in scaling form like POT's default; otherwise start exactly, in log form.
            if (_negCostOverReg.numel() > 0 && -_negCostOverReg.min().item<double>() < SafeExponent)
            {
                RebuildKernel();
                _logMode = false;
            }
        }

        public void Iterate()
        {
            double columnStep = Update(_columns, _rows, reduceDim: 0);
            double rowStep = Update(_rows, _columns, reduceDim: 1);
            if (_logMode && columnStep < AbsorbLog && rowStep < AbsorbLog)
            {
                RebuildKernel();
                _logMode = false;
            }
        }

        /// <summary>Fits <paramref name="self"/>'s marginal given <paramref name="other"/>; returns the largest
        /// change of its log dual in a log-form step (0 in scaling form).</summary>
        double Update(Side self, Side other, int reduceDim)
        {
            if (!_logMode)
            {
                using var product = reduceDim == 0 ? _kernel.t().mv(other.Scaling) : _kernel.mv(other.Scaling);
                if (product.min().item<double>() >= SmallestProduct && product.max().item<double>() < double.PositiveInfinity)
                {
                    self.Scaling.copy_(self.Marginal / product);
                    if (self.Scaling.log().abs_().max().item<double>() > AbsorbLog) AbsorbScalings();
                    return 0;
                }
                AbsorbScalings(rebuild: false);
                _logMode = true;
            }
            var exponent = reduceDim == 0 ? _negCostOverReg + other.Dual.unsqueeze(1) : _negCostOverReg + other.Dual.unsqueeze(0);
            var updated = self.LogMarginal - exponent.logsumexp(reduceDim);
            double change = (updated - self.Dual).abs_().max().item<double>();
            self.Dual.copy_(updated);
            return double.IsNaN(change) ? double.PositiveInfinity : change;
        }

        /// <summary>‖column sums of the current plan − b‖₂.</summary>
        public double ColumnMarginalError()
        {
            Tensor columnSums = _logMode
                ? (_negCostOverReg + _rows.Dual.unsqueeze(1)).logsumexp(0).add_(_columns.Dual).exp_()
                : _kernel.t().mv(_rows.Scaling).mul_(_columns.Scaling);
            return linalg.vector_norm(columnSums - _columns.Marginal).item<double>();
        }

        public Tensor Plan()
        {
            var rowDual = _rows.Dual + _rows.Scaling.log();
            var columnDual = _columns.Dual + _columns.Scaling.log();
            return (_negCostOverReg + rowDual.unsqueeze(1) + columnDual.unsqueeze(0)).exp_();
        }

        void AbsorbScalings(bool rebuild = true)
        {
            _rows.Absorb();
            _columns.Absorb();
            if (rebuild) RebuildKernel();
        }

        void RebuildKernel()
        {
            using var scope = NewDisposeScope();
            _kernel.copy_(_negCostOverReg).add_(_rows.Dual.unsqueeze(1)).add_(_columns.Dual.unsqueeze(0)).exp_();
        }
    }

    /// <summary>One side's marginal, its log dual absorbed into the kernel, and its scaling on top of it
    /// (the full dual is Dual + log Scaling).</summary>
    sealed class Side
    {
        public Side(Tensor marginal)
        {
            Marginal = marginal.to_type(ScalarType.Float64, copy: true);
            LogMarginal = Marginal.log();
            Dual = zeros_like(Marginal);
            Scaling = ones_like(Marginal);
        }

        public Tensor Marginal { get; }
        public Tensor LogMarginal { get; }
        public Tensor Dual { get; }
        public Tensor Scaling { get; }

        public void Absorb()
        {
            using var log = Scaling.log();
            Dual.add_(log);
            Scaling.fill_(1.0);
        }
    }
}
