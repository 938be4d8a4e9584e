using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// Ridge through the D × D Gram matrix, for at least as many rows as features (the original's
/// "tall" branch). The training Gram matrices are the full ones minus the validation rows' share,
/// as in the original, so X is multiplied out once.
/// </summary>
internal static class PrimalRidgeSolver
{
    public static double[] ScoreAlphas(CentredTensors data, ValidationSplit split, IReadOnlyList<double> alphas, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(Array.ConvertAll(split.Validation, r => (long)r));
        var xValidation = data.X.index_select(0, index);
        var yValidation = data.Y.index_select(0, index);
        var xtxTrain = data.X.t().mm(data.X).sub_(xValidation.t().mm(xValidation));
        var xtyTrain = data.X.t().mm(data.Y).sub_(xValidation.t().mm(yValidation));
        var scores = new double[alphas.Count];
        for (int i = 0; i < alphas.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var weights = LinearSolve.Solve(LinearSolve.AddRidge(xtxTrain, alphas[i]), xtyTrain);
            scores[i] = ValidationScore.MeanR2(yValidation, xValidation.mm(weights));
        }
        return scores;
    }

    public static LinearWeights Refit(CentredTensors data, double alpha, double[] xMeans, double[] yMeans)
    {
        using var scope = NewDisposeScope();
        var xtx = data.X.t().mm(data.X);
        var xty = data.X.t().mm(data.Y);
        var weights = LinearSolve.Solve(LinearSolve.AddRidge(xtx, alpha), xty);
        return LinearWeights.Assemble(xMeans, yMeans, (start, count) => weights.narrow(1, start, count));
    }
}
