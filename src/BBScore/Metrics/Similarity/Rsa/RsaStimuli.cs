using BBScore.Features;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>Which stimuli an RSA metric compares: the test set when one is given, else the training set (RSA
/// fits nothing, so there is no cross-validation), with features and targets checked to cover the same stimuli.</summary>
internal sealed record RsaStimuli(FeatureTensor Features, double[,] Targets)
{
    public int Count => Features.Rows;

    public static RsaStimuli Select(MetricInputs inputs, string metric, bool needTargets = true)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var stimuli = inputs.TestFeatures is not null
            ? new RsaStimuli(inputs.TestFeatures, inputs.TestTargets ?? (needTargets
                ? throw new ArgumentException($"{metric}: test features were given without test targets.")
                : new double[inputs.TestFeatures.Rows, 0]))
            : new RsaStimuli(inputs.TrainFeatures, inputs.TrainTargets);
        if (needTargets && stimuli.Targets.GetLength(0) != stimuli.Count)
            throw new ArgumentException(
                $"{metric}: the features cover {stimuli.Count} stimuli but the targets {stimuli.Targets.GetLength(0)}; both need one row per stimulus.");
        return stimuli;
    }
}
