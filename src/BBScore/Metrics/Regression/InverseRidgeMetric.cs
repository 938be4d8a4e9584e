using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>The original's <c>inverse_ridge</c>: brain responses predict the model's features
/// (RidgeCV, per-feature alpha), scored per feature dimension. No ceiling applies (it belongs to
/// the brain side). Keys per score k: <c>raw_k</c> (folds, features), <c>median_k</c> (folds;
/// nan-aware median over feature dimensions) and <c>final_k</c> (mean over folds).</summary>
public sealed class InverseRidgeMetric(MetricOptions options) : IMetric
{
    public string Key => "inverse_ridge";

    public ScoreSet Score(MetricInputs inputs)
    {
        var regressor = new RidgeCvRegressor(RidgeAlphas.Default, alphaPerTarget: true, options.SubsampleFeaturesForAlpha, inputs.Seed);
        var raw = RegressionEvaluation.EvaluateRaw(regressor, SwappedInputs.From(inputs), RegressionOptions.Default with { Progress = options.Progress });
        var scores = new ScoreSet("final_pearson");
        foreach (var (key, values) in new[] { ("pearson", raw.Pearson), ("r2", raw.R2) })
        {
            var medians = RowMedians(values);
            scores.Add("raw_" + key, values);
            scores.Add("median_" + key, medians);
            scores.Add("final_" + key, NanStatistics.Mean(medians));
        }
        SwappedRegressionUncertainty.AddInverse(scores, raw.HeldOut, inputs, options.Bootstrap);
        return scores;
    }

    internal static double[] RowMedians(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var medians = new double[rows];
        var row = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) row[c] = values[r, c];
            medians[r] = NanStatistics.Median(row);
        }
        return medians;
    }
}
