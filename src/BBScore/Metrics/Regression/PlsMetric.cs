namespace BBScore.Metrics.Regression;

/// <summary>The original's <c>pls</c>: the component count is chosen once from
/// <see cref="PlsComponentGrid.DefaultOptions"/> on a seeded 90/10 split of the training rows, then
/// PLSRegression (scale=True) with that count is scored by 10-fold CV — or, fixing the original,
/// fitted on the training set and scored on the test set when one is given. Adds the key
/// <c>n_components</c>.</summary>
public sealed class PlsMetric(RegressionOptions? options = null) : IMetric
{
    public string Key => "pls";

    public ScoreSet Score(MetricInputs inputs)
    {
        var x = Numerics.FeatureMatrix.From(inputs.TrainFeatures);
        int components = PlsComponentGrid.SelectComponents(x, inputs.TrainTargets, PlsComponentGrid.DefaultOptions, inputs.Seed, inputs.Compat);
        var scores = RegressionEvaluation.Evaluate(new PlsRegressor(components), inputs, options ?? RegressionOptions.Default);
        scores.Add("n_components", components);
        return scores;
    }
}
