using BBScore.Features;

namespace BBScore.Metrics.Regression;

/// <summary>The inputs with the roles of features and targets exchanged (brain data predicts model
/// features), for <c>inverse_ridge</c> and the backward half of <c>bidirectional</c>. The ceiling
/// belongs to the brain targets, so it is dropped; folds depend only on rows and seed, so both
/// directions cross-validate on the same folds.</summary>
public static class SwappedInputs
{
    public static MetricInputs From(MetricInputs inputs) => inputs with
    {
        TrainFeatures = ToFeatures(inputs.TrainTargets),
        TrainTargets = ToTargets(inputs.TrainFeatures),
        TestFeatures = inputs.TestTargets is null ? null : ToFeatures(inputs.TestTargets),
        TestTargets = inputs.TestFeatures is null ? null : ToTargets(inputs.TestFeatures),
        Ceiling = null,
        TargetUnitShape = null,
        UnitsPerSubject = null, // the swapped targets are model features, not subjects' units
    };

    static FeatureTensor ToFeatures(double[,] targets)
    {
        int rows = targets.GetLength(0), columns = targets.GetLength(1);
        var data = new float[rows * columns];
        int i = 0;
        foreach (double v in targets) data[i++] = (float)v;
        return new FeatureTensor(data, [rows, columns]);
    }

    static double[,] ToTargets(FeatureTensor features)
    {
        int rows = features.Rows, columns = features.RowLength;
        var targets = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) targets[r, c] = features.Data[(long)r * columns + c];
        return targets;
    }
}
