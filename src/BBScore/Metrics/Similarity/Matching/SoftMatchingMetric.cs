using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The original's <c>soft_matching</c>: one regularisation is chosen from <see cref="RegGrid"/> on a
/// seeded 90/10 split of the training rows (fit on 90 %, mean Pearson over targets on 10 %, the first
/// best wins), then <see cref="SoftMatchingModel"/> with it is cross-validated (10-fold, seeded, like
/// the regression metrics) or fitted once and scored on the test set: raw <c>pearson</c> and <c>r2</c>
/// per target, (folds, T) or (1, T), standard post-processing, plus <c>reg</c> (the chosen value).
/// </summary>
/// <remarks>
/// Pearson follows <see cref="MetricInputs.Compat"/> (<see cref="Scorers.Pearson"/>: plain r, or the
/// original's 2r/(1+r)). Differences from the original, all documented: the split is a
/// <see cref="ValidationSplit"/> (int(0.1·N) validation rows from <see cref="SeededRandom"/>, where
/// scikit-learn's train_test_split takes ceil(0.1·N) from NumPy's generator); undefined per-target r
/// are skipped in the selection mean (the original's mean turns NaN and that reg can never win); small
/// reg give the true entropic plan where POT's default Sinkhorn underflows (<see cref="Numerics.Transport.Sinkhorn"/>),
/// so the chosen reg can differ from the original's.
/// </remarks>
public sealed class SoftMatchingMetric(MetricOptions? options = null) : IMetric
{
    /// <summary>The original's <c>reg_options</c>.</summary>
    public static IReadOnlyList<double> RegGrid { get; } = [1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4];

    /// <summary>The original's validation fraction for choosing reg.</summary>
    public const double ValidationFraction = 0.1;

    readonly MetricOptions _options = options ?? MetricOptions.Default;

    public string Key => "soft_matching";

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var regression = RegressionOptions.Default with { Progress = _options.Progress, Bootstrap = _options.Bootstrap };
        RegressionInputValidator.Validate(inputs, regression);

        double reg = ChooseReg(inputs, RegGrid);
        var regressor = new SoftMatchingRegressor(reg);
        var scores = RegressionEvaluation.Evaluate(regressor, inputs, regression);
        scores.Add("reg", reg);
        if (regressor.Unconverged > 0)
            _options.Progress.Warn($"Sinkhorn (reg {reg:g}) did not reach its stop threshold within {SoftMatchingModel.MaxIterations} iterations " +
                                   $"in {regressor.Unconverged} fit(s); the last plan was used, as the original does.");
        return scores;
    }

    /// <summary>The reg with the best mean validation Pearson over targets (the first on ties or when
    /// every score is undefined).</summary>
    public double ChooseReg(MetricInputs inputs, IReadOnlyList<double> grid)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Count == 0) throw new ArgumentException("The regularisation grid is empty.", nameof(grid));
        var features = FeatureMatrix.From(inputs.TrainFeatures);
        var split = ValidationSplit.Draw(features.Rows, ValidationFraction, new SeededRandom(inputs.Seed));
        var xTrain = features.SelectRows(split.Training);
        var yTrain = TargetRows.Select(inputs.TrainTargets, split.Training);
        var xValidation = features.SelectRows(split.Validation);
        var yValidation = TargetRows.Select(inputs.TrainTargets, split.Validation);

        double bestReg = grid[0], bestScore = double.NegativeInfinity;
        _options.Progress.Track("soft_matching reg", grid.Count, advance =>
        {
            for (int k = 0; k < grid.Count; k++)
            {
                var predicted = SoftMatchingModel.Fit(xTrain, yTrain, grid[k]).Predict(xValidation);
                double score = NanStatistics.Mean(Scorers.Pearson(yValidation, predicted, inputs.Compat));
                if (score > bestScore)
                {
                    bestScore = score;
                    bestReg = grid[k];
                }
                advance(k + 1);
            }
            return 0;
        });
        _options.Progress.Info($"soft_matching: reg {bestReg:g} chosen (validation Pearson {bestScore:F4}).");
        return bestReg;
    }
}
