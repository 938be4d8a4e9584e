using BBScore.Results;

namespace BBScore.Report;

/// <summary>How a single result is named in plot titles and captions.</summary>
public static class ResultLabel
{
    public static string Of(StoredResult r) => $"{r.Model} · {r.Layer} · {r.Benchmark} · {r.Metric}";

    /// <summary>The file-name parts identifying a result's cell.</summary>
    public static string[] Parts(StoredResult r) => [r.Model, r.Layer, r.Benchmark, r.Metric];
}
