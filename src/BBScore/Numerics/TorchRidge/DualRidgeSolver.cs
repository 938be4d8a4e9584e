using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// Ridge through the N × N kernel, for more features than rows (the original's "fat" branch):
/// (K + αI) C = y and W = Xᵀ C, so nothing D × D is ever formed.
/// </summary>
internal static class DualRidgeSolver
{
    /// <summary>Validation score of every alpha: kernels of the training rows, predictions
    /// K_cross · C for the validation rows.</summary>
    public static double[] ScoreAlphas(CentredTensors data, ValidationSplit split, IReadOnlyList<double> alphas, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        var (xTrain, yTrain) = Rows(data, split.Training);
        var (xValidation, yValidation) = Rows(data, split.Validation);
        var kernel = xTrain.mm(xTrain.t());
        var crossKernel = xValidation.mm(xTrain.t());
        var scores = new double[alphas.Count];
        for (int i = 0; i < alphas.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var dual = LinearSolve.Solve(LinearSolve.AddRidge(kernel, alphas[i]), yTrain);
            scores[i] = ValidationScore.MeanR2(yValidation, crossKernel.mm(dual));
        }
        return scores;
    }

    /// <summary>The fit on all rows: dual coefficients from the full kernel, then primal weights
    /// Xᵀ C one block of targets at a time.</summary>
    public static LinearWeights Refit(CentredTensors data, double alpha, double[] xMeans, double[] yMeans)
    {
        using var scope = NewDisposeScope();
        var kernel = data.X.mm(data.X.t());
        var dual = LinearSolve.Solve(LinearSolve.AddRidge(kernel, alpha), data.Y);
        var xTransposed = data.X.t();
        return LinearWeights.Assemble(xMeans, yMeans, (start, count) => xTransposed.mm(dual.narrow(1, start, count)));
    }

    static (Tensor X, Tensor Y) Rows(CentredTensors data, int[] rows)
    {
        using var index = tensor(Array.ConvertAll(rows, r => (long)r));
        return (data.X.index_select(0, index), data.Y.index_select(0, index));
    }
}
