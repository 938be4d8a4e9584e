using BBScore.Metrics;

namespace BBScore.Report;

/// <summary>The uncertainty stored beside a headline key <c>K</c>: <c>K_se</c> (standard error, a scalar)
/// and <c>K_ci95</c> (95% interval, [low, high]). Either may be missing; results written before bootstrap
/// uncertainty existed have neither, and then the report shows no error bar.</summary>
public sealed record ErrorBar(double? StandardError, double? Low, double? High)
{
    public static readonly ErrorBar None = new(null, null, null);

    public bool HasInterval => Low is not null && High is not null;

    public bool IsEmpty => StandardError is null && !HasInterval;

    /// <summary>Reads <c>key_se</c> and <c>key_ci95</c> from <paramref name="scores"/>. Values of the wrong shape
    /// (an array for the error, not two numbers for the interval) or not finite count as absent: a broken
    /// interval must not be drawn as if it were one.</summary>
    public static ErrorBar For(ScoreSet scores, string key)
    {
        double? se = scores.TryGet(key + "_se", out var seValue) && seValue.IsScalar && double.IsFinite(seValue.Scalar)
            ? seValue.Scalar : null;
        double? low = null, high = null;
        if (scores.TryGet(key + "_ci95", out var ci) && ci.Data.Length == 2 && double.IsFinite(ci.Data[0]) && double.IsFinite(ci.Data[1]))
        {
            low = Math.Min(ci.Data[0], ci.Data[1]);
            high = Math.Max(ci.Data[0], ci.Data[1]);
        }
        return se is null && low is null ? None : new ErrorBar(se, low, high);
    }

    /// <summary>"± 0.012 [0.41, 0.45]", "± 0.012", "[0.41, 0.45]" or "—".</summary>
    public string Format()
    {
        if (IsEmpty) return "—";
        var parts = new List<string>(2);
        if (StandardError is { } se) parts.Add("± " + ReportNumbers.Format(se));
        if (HasInterval) parts.Add($"[{ReportNumbers.Format(Low!.Value)}, {ReportNumbers.Format(High!.Value)}]");
        return string.Join(" ", parts);
    }
}
