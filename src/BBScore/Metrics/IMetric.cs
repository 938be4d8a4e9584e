namespace BBScore.Metrics;

/// <summary>A scoring method registered under the original's key (e.g. <c>ridge</c>,
/// <c>orientation_selectivity</c>).</summary>
public interface IMetric
{
    string Key { get; }
    ScoreSet Score(MetricInputs inputs);
}
