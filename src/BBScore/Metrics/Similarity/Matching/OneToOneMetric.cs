namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The original's <c>one_to_one</c>: per fold, on the validation rows, source units (feature columns)
/// and target units are paired one-to-one to maximise the summed Pearson r; the score is the mean
/// matched r (plain r, as the original). Our fix matches the full rectangular D × T matrix
/// (<see cref="OneToOneMatching.Full"/>); <see cref="CompatMode.BBScore"/> keeps the original's
/// truncation to the first min(D, T) columns of each (<see cref="OneToOneMatching.Truncated"/>).
/// </summary>
public sealed class OneToOneMetric(MetricOptions? options = null) : IMetric
{
    readonly MetricOptions _options = options ?? MetricOptions.Default;

    public string Key => "one_to_one";

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return MatchingEvaluation.Evaluate(inputs, _options,
            inputs.Compat == CompatMode.BBScore ? OneToOneMatching.Truncated : OneToOneMatching.Full);
    }
}
