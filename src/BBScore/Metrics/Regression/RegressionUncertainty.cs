using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Regression;

/// <summary>The error bars of the regression metrics' final scores: a bootstrap over the held-out stimuli
/// (the test set, or each cross-validation fold's held-out rows) with the fitted predictions fixed
/// (<see cref="RegressionBootstrap"/>), seeded by the run's seed; where the targets are several subjects' (or
/// monkeys') units, the subjects are drawn with replacement too (a two-level bootstrap).</summary>
public static class RegressionUncertainty
{
    static readonly string[] Keys = ["final_pearson", "final_unceiled_pearson", "final_r2", "final_unceiled_r2"];

    /// <summary>Fewest held-out rows per fold for which resampled correlations carry information.</summary>
    public const int MinimumRows = 3;

    public static void Add(ScoreSet scores, IReadOnlyList<HeldOutPredictions> heldOut, MetricInputs inputs, int resamples, CancellationToken cancel)
    {
        if (WhyNot(heldOut, resamples) is { } whyNot)
        {
            foreach (string key in Keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var ceiling = inputs.Ceiling is null ? null : ScorePostprocessing.FloorCeiling(inputs.Ceiling, heldOut[0].Targets);
        var subjects = inputs.UnitsPerSubject is { Count: > 1 } units && units.Sum() == heldOut[0].Targets ? units : null;
        var groups = heldOut.Select(h => h.Rows).Concat(subjects is null ? [] : [subjects.Count]).ToList();
        var resampler = new SeededResampler(resamples, inputs.Seed, groups);
        var samples = RegressionBootstrap.Sample(heldOut, ceiling, inputs.Compat == CompatMode.BBScore, resampler, cancel, subjects);
        string why = WhyEmpty(heldOut);
        ScoreUncertainty.Add(scores, "final_pearson", samples.Pearson, why);
        ScoreUncertainty.Add(scores, "final_unceiled_pearson", samples.UnceiledPearson, why);
        ScoreUncertainty.Add(scores, "final_r2", samples.R2, why);
        ScoreUncertainty.Add(scores, "final_unceiled_r2", samples.UnceiledR2, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "final_pearson", samples.Pearson);
        Describe(scores, heldOut, resamples, inputs.Seed, subjects?.Count);
    }

    /// <summary>Why no bootstrap is drawn for these held-out groups; null when one is.</summary>
    internal static string? WhyNot(IReadOnlyList<HeldOutPredictions> heldOut, int resamples) => WhyNot(heldOut.Select(h => h.Rows), resamples);

    /// <summary>The same for held-out groups of these sizes (rows per fold, or the test set's).</summary>
    internal static string? WhyNot(IEnumerable<int> rows, int resamples)
    {
        if (resamples <= 0) return "bootstrap turned off (--bootstrap 0)";
        int fewest = rows.Min();
        // With one or two rows a resample's r is ±1 or undefined: a spread of those would look like an error bar and mean nothing.
        return fewest < MinimumRows ? $"too few held-out stimuli for a bootstrap ({fewest} in the smallest fold; at least {MinimumRows} needed)" : null;
    }

    /// <summary>Why a drawn bootstrap still gave no interval.</summary>
    internal static string WhyEmpty(IReadOnlyList<HeldOutPredictions> heldOut) =>
        $"too few held-out stimuli for a bootstrap ({heldOut.Min(h => h.Rows)}–{heldOut.Max(h => h.Rows)} per fold): almost every resample leaves a target constant";

    /// <param name="subjects">How many subjects were drawn as well (the group after the held-out ones), if any.</param>
    internal static void Describe(ScoreSet scores, IReadOnlyList<HeldOutPredictions> heldOut, int resamples, int seed, int? subjects = null)
    {
        string unit = heldOut.Count == 1 ? "test stimuli" : "held-out stimuli within each cross-validation fold";
        if (subjects is { } count) unit += $", and the {count} subjects whose units make the targets";
        ScoreUncertainty.Describe(scores, resamples, unit, seed, heldOut.Select(h => h.Rows).Concat(subjects is { } c ? [c] : []).ToList());
    }
}
