namespace BBScore.Metrics.Regression;

/// <summary>
/// Per-column sums of a truth/prediction pair (rows × targets), gathered in two row-major passes so
/// thousands of targets are scored without strided column reads. Shared by the Pearson and R²
/// scorers.
/// </summary>
internal sealed class ScorerColumnStatistics
{
    /// <summary>numpy.allclose's default relative tolerance (the original passes only atol).</summary>
    const double AllCloseRelativeTolerance = 1e-5;

    ScorerColumnStatistics(int rows, int targets)
    {
        Rows = rows;
        TrueConstant = new bool[targets];
        PredConstant = new bool[targets];
        AllClose = new bool[targets];
        TrueSquares = new double[targets];
        PredSquares = new double[targets];
        CrossProducts = new double[targets];
        ResidualSquares = new double[targets];
    }

    public int Rows { get; }

    /// <summary>Every value equals the first one exactly (SciPy's test for constant input).</summary>
    public bool[] TrueConstant { get; }
    public bool[] PredConstant { get; }

    /// <summary>numpy.allclose(truth, prediction, atol) for the column.</summary>
    public bool[] AllClose { get; }

    /// <summary>Σ(truth − mean)², Σ(prediction − mean)², Σ(truth − mean)(prediction − mean), Σ(truth − prediction)².</summary>
    public double[] TrueSquares { get; }
    public double[] PredSquares { get; }
    public double[] CrossProducts { get; }
    public double[] ResidualSquares { get; }

    public static ScorerColumnStatistics Compute(double[,] yTrue, double[,] yPred, double allCloseAbsoluteTolerance)
    {
        int rows = yTrue.GetLength(0), targets = yTrue.GetLength(1);
        if (yPred.GetLength(0) != rows || yPred.GetLength(1) != targets)
            throw new ArgumentException(
                $"Predictions are {yPred.GetLength(0)}x{yPred.GetLength(1)} but the truth is {rows}x{targets}; they must match.");

        var stats = new ScorerColumnStatistics(rows, targets);
        var trueMean = new double[targets];
        var predMean = new double[targets];
        Array.Fill(stats.TrueConstant, true);
        Array.Fill(stats.PredConstant, true);
        Array.Fill(stats.AllClose, true);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < targets; c++)
            {
                double t = yTrue[r, c], p = yPred[r, c];
                trueMean[c] += t;
                predMean[c] += p;
                if (t != yTrue[0, c]) stats.TrueConstant[c] = false;
                if (p != yPred[0, c]) stats.PredConstant[c] = false;
                if (!(Math.Abs(t - p) <= allCloseAbsoluteTolerance + AllCloseRelativeTolerance * Math.Abs(p))) stats.AllClose[c] = false;
            }
        }
        for (int c = 0; c < targets; c++)
        {
            trueMean[c] /= rows;
            predMean[c] /= rows;
        }
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < targets; c++)
            {
                double t = yTrue[r, c], p = yPred[r, c];
                double dt = t - trueMean[c], dp = p - predMean[c], residual = t - p;
                stats.TrueSquares[c] += dt * dt;
                stats.PredSquares[c] += dp * dp;
                stats.CrossProducts[c] += dt * dp;
                stats.ResidualSquares[c] += residual * residual;
            }
        }
        // A constant column's mean may not be representable exactly, leaving tiny non-zero
        // deviations; the column has no spread, so say so exactly.
        for (int c = 0; c < targets; c++)
        {
            if (stats.TrueConstant[c]) stats.TrueSquares[c] = 0;
            if (stats.PredConstant[c]) stats.PredSquares[c] = 0;
        }
        return stats;
    }
}
