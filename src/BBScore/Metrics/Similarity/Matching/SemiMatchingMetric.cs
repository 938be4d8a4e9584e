namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The original's <c>semi_matching</c>, working (the original only defines <c>compute_raw</c>, so its
/// <c>compute</c> returns None): per fold on the validation rows, <see cref="SemiMatching.Score"/> of the
/// full D × T Pearson matrix, raw shape (folds,) or (1,) with a test set, standard post-processing.
/// </summary>
public sealed class SemiMatchingMetric(MetricOptions? options = null) : IMetric
{
    readonly MetricOptions _options = options ?? MetricOptions.Default;

    public string Key => "semi_matching";

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return MatchingEvaluation.Evaluate(inputs, _options, SemiMatching.Score);
    }
}
