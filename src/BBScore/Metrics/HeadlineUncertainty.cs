namespace BBScore.Metrics;

/// <summary>A score set's headline error bar as stored by <see cref="ScoreUncertainty"/>: <c>K_se</c> and
/// <c>K_ci95</c> beside headline key K, or the note that says why there is none.</summary>
public sealed record HeadlineUncertainty(double StandardError, double Low, double High)
{
    /// <summary>The headline's error bar, or null (results written before error bars, bootstrap off, too few stimuli).</summary>
    public static HeadlineUncertainty? Of(ScoreSet scores)
    {
        string key = scores.HeadlineKey;
        if (!scores.TryGet(key + "_se", out var se) || !se.IsScalar) return null;
        if (!scores.TryGet(key + "_ci95", out var ci) || ci.Data.Length != 2) return null;
        return new HeadlineUncertainty(se.Scalar, ci.Data[0], ci.Data[1]);
    }

    /// <summary>Why the headline has no error bar, when the metric said.</summary>
    public static string? Note(ScoreSet scores) =>
        scores.Labels.FirstOrDefault(l => l.Key == scores.HeadlineKey + "_se_note").Value is { Count: > 0 } note ? note[0] : null;

    /// <summary>" ± 0.0123 [0.41, 0.46]", for listings.</summary>
    public string Describe(Func<double, string> format) =>
        $" ± {format(StandardError)} [{format(Low)}, {format(High)}]";
}
