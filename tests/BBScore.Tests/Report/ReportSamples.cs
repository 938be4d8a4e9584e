using BBScore.Metrics;
using BBScore.Results;

namespace BBScore.Tests.Report;

/// <summary>Hand-made stored results for the report's page-model tests.</summary>
internal static class ReportSamples
{
    static readonly DateTimeOffset Start = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public static StoredResult Result(
        string model = "resnet18", string layer = "layer4", string benchmark = "NSDV1Shared", string metric = "ridge",
        ScoreSet? scores = null, double[]? ceiling = null, int minutes = 0, string? id = null)
    {
        scores ??= Ridge(0.5);
        var time = Start.AddMinutes(minutes);
        var record = new ResultRecord
        {
            Id = id ?? $"{time:yyyyMMddTHHmmss}-{model}-{layer}-{metric}",
            Timestamp = time,
            Model = model,
            Layer = layer,
            Benchmark = benchmark,
            Metric = metric,
            Scores = scores,
            Ceiling = ceiling,
        };
        return new StoredResult(record.Id, time, model, layer, benchmark, metric, scores.HeadlineKey, scores.Headline,
            $"/results/{record.Id}.json", "{}", record);
    }

    /// <summary>A ridge-like score set: <c>final_pearson</c> plus optional uncertainty, per-target maps and alphas.</summary>
    public static ScoreSet Ridge(double final, double? se = null, double[]? ci = null, double? unceiled = null,
        double[,]? raw = null, double[,]? ceiled = null, double[]? alpha = null)
    {
        var scores = new ScoreSet("final_pearson");
        if (raw is not null) scores.Add("raw_pearson", raw);
        if (ceiled is not null) scores.Add("ceiled_pearson", ceiled);
        scores.Add("final_pearson", final);
        if (unceiled is { } u) scores.Add("final_unceiled_pearson", u);
        if (se is { } s) scores.Add("final_pearson_se", s);
        if (ci is not null) scores.Add("final_pearson_ci95", ci);
        if (alpha is not null) scores.Add("alpha", alpha);
        return scores;
    }
}
