using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Ridge;
using BBScore.Numerics.TorchRidge;
using static TorchSharp.torch;

namespace BBScore.Numerics.ElasticNet;

/// <summary>
/// The original's <c>TorchElasticNetCV</c> (model of <c>torch_lasso</c> and <c>torch_elastic</c>):
/// float64 Gram matrices of a seeded 90% training split; FISTA (<see cref="FistaSolver"/>) over the
/// alphas in descending order, each warm-started from the previous solution; ONE alpha for all
/// targets by <see cref="ValidationScore.MeanR2"/>; a refit on the full Gram matrices warm-started
/// from the chosen solution; then <see cref="RelaxedRescaling"/> per target and intercept = ȳ − x̄w.
/// </summary>
/// <remarks>The Gram matrix is features × features whatever the row count (as in the original),
/// so very wide features cost D² memory.</remarks>
public sealed class FistaElasticNet
{
    readonly double[] _alphas;

    /// <param name="alphas">The grid; scanned largest first (the original sorts it descending).</param>
    /// <param name="seed">Seeds the validation split and the power-iteration start vectors (unseeded in the original).</param>
    public FistaElasticNet(IReadOnlyList<double> alphas, ElasticNetSettings settings, long seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _alphas = RidgeAlphas.Validate(alphas).OrderByDescending(a => a).ToArray();
        Settings = settings;
        Seed = seed;
    }

    /// <summary>The grid in scan order (descending).</summary>
    public IReadOnlyList<double> Alphas => _alphas;
    public ElasticNetSettings Settings { get; }
    public long Seed { get; }

    public ValidatedLinearFit Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        TorchRidgeCv.CheckShapes(x, y);
        TorchRuntime.EnsureLoaded();
        var random = new SeededRandom(Seed);
        var split = ValidationSplit.Draw(x.Rows, Settings.ValidationFraction, random);
        var isValidation = new bool[x.Rows];
        foreach (int row in split.Validation) isValidation[row] = true;
        double[] xMeans = ColumnMeans.Of(x), yMeans = ColumnMeans.Of(y);

        using var scope = NewDisposeScope();
        using var gram = GramMatrices.Accumulate(x, y, xMeans, yMeans, isValidation, Settings.GramChunkRows);
        var (scores, bestIndex, bestWeights) = ScanAlphas(gram, LipschitzEstimate.Of(gram.XtX, random), cancel);
        double alpha = _alphas[bestIndex];

        gram.AddValidationRows();
        double lipschitz = LipschitzEstimate.Of(gram.XtX, random);
        var refit = Solve(gram.XtX, gram.Xty, gram.Rows, alpha, lipschitz, bestWeights, cancel);
        var relaxed = RelaxedRescaling.Apply(refit, gram.XtX, gram.Xty);
        var weights = LinearWeights.Assemble(xMeans, yMeans, (start, count) => relaxed.narrow(1, start, count));
        return new ValidatedLinearFit(weights, alpha, _alphas, scores);
    }

    /// <summary>The solution for one alpha on all rows, from zeros, without the relaxed rescaling:
    /// scikit-learn's <c>ElasticNet(alpha, l1_ratio)</c> / <c>Lasso(alpha)</c> up to the FISTA tolerance.</summary>
    public LinearWeights FitUnrelaxed(FeatureMatrix x, double[,] y, double alpha, CancellationToken cancel = default)
    {
        TorchRidgeCv.CheckShapes(x, y);
        RidgeAlphas.Validate([alpha]);
        TorchRuntime.EnsureLoaded();
        double[] xMeans = ColumnMeans.Of(x), yMeans = ColumnMeans.Of(y);
        using var scope = NewDisposeScope();
        using var gram = GramMatrices.Accumulate(x, y, xMeans, yMeans, new bool[x.Rows], Settings.GramChunkRows);
        double lipschitz = LipschitzEstimate.Of(gram.XtX, new SeededRandom(Seed));
        var w = Solve(gram.XtX, gram.Xty, x.Rows, alpha, lipschitz, start: null, cancel);
        return LinearWeights.Assemble(xMeans, yMeans, (start, count) => w.narrow(1, start, count));
    }

    /// <summary>The warm-started path over the descending grid on the training Gram matrices:
    /// each alpha's validation score, the best index (ties keep the larger alpha; the largest alpha
    /// when no score is finite, as in the original) and a copy of the best solution (null then).</summary>
    (double[] Scores, int BestIndex, Tensor? BestWeights) ScanAlphas(GramMatrices gram, double lipschitz, CancellationToken cancel)
    {
        var scores = new double[_alphas.Length];
        Tensor? current = null, best = null;
        int bestIndex = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < _alphas.Length; i++)
        {
            var next = Solve(gram.XtX, gram.Xty, gram.Rows, _alphas[i], lipschitz, current, cancel);
            current?.Dispose();
            current = next;
            using (var predictions = gram.ValidationX.mm(current))
                scores[i] = ValidationScore.MeanR2(gram.ValidationY, predictions);
            // The rule of SharedAlpha.Best, applied as the path runs so that the best solution can be kept.
            if (scores[i] > bestScore)
            {
                bestScore = scores[i];
                bestIndex = i;
                best?.Dispose();
                best = current.clone();
            }
        }
        current?.Dispose();
        return (scores, bestIndex, best);
    }

    Tensor Solve(Tensor xtx, Tensor xty, int rows, double alpha, double lipschitz, Tensor? start, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        var w = FistaSolver.Solve(xtx.to_type(ScalarType.Float32), xty.to_type(ScalarType.Float32), rows, alpha,
            Settings.L1Ratio, lipschitz, start, Settings.MaxIterations, Settings.Tolerance, out _, cancel);
        return w.MoveToOuterDisposeScope();
    }
}
