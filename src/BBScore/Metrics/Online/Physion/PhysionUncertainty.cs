using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Online.Physion;

/// <summary>Error bars of the Physion headlines: a bootstrap over the test stimuli compared with the humans, the
/// model's choices and the humans' answers on each drawn stimulus kept, seeded by the run's seed.
/// <c>physion_placement_score</c> (model–human agreement over the shared stimuli) is an accuracy over those stimuli.
/// <c>physion_contact_cohen_kappa</c> draws the matched stimuli within each scenario, so every resample keeps the
/// scenarios the mean runs over, and recomputes each participant's κ on the drawn stimuli (a stimulus drawn twice
/// counts twice), the median per scenario and the mean, as <see cref="PhysionContactPanel"/> does for the score.</summary>
public static class PhysionUncertainty
{
    const string PlacementKey = "physion_placement_score", ContactKey = "physion_contact_cohen_kappa";
    const string Off = "bootstrap turned off (--bootstrap 0)";
    const string NoneShared = "no test stimulus matched a human one: the score is the fixed 0 the original writes";

    /// <summary>Fewest stimuli worth resampling: one or two give a spread of a few values that would look like an error bar.</summary>
    const int MinimumStimuli = 3;

    public static void AddPlacement(ScoreSet scores, bool[]? agree, int resamples, int seed)
    {
        string? whyNot = WhyNot(resamples, agree?.Length);
        if (whyNot is not null || agree is null) { ScoreUncertainty.Skip(scores, PlacementKey, whyNot ?? NoneShared); return; }
        var samples = AccuracyBootstrap.Sample(agree, new SeededResampler(resamples, seed, [agree.Length]));
        Keep(scores, PlacementKey, samples, "too few shared stimuli for a bootstrap");
        ScoreUncertainty.Describe(scores, resamples, "test stimuli shared with the humans (model's and humans' answers fixed)", seed, [agree.Length]);
    }

    public static void AddContact(ScoreSet scores, PhysionContactPanel? panel, int resamples, int seed)
    {
        string? whyNot = WhyNot(resamples, panel?.StimulusCounts.Sum());
        if (whyNot is not null || panel is null) { ScoreUncertainty.Skip(scores, ContactKey, whyNot ?? NoneShared); return; }
        var sizes = panel.StimulusCounts;
        var samples = ContactSamples(panel, new SeededResampler(resamples, seed, sizes));
        Keep(scores, ContactKey, samples, "κ undefined (NaN: a participant and the model constant and equal) in almost every resample");
        ScoreUncertainty.Describe(scores, resamples, "test stimuli within each scenario (model's and humans' answers fixed)", seed, sizes);
    }

    /// <summary>The contact headline per resample: group s of <paramref name="resampler"/> is scenario s's stimuli.</summary>
    public static double[] ContactSamples(PhysionContactPanel panel, IBootstrapResampler resampler)
    {
        var copies = panel.StimulusCounts.Select(n => new double[n]).ToArray();
        var samples = new double[resampler.Resamples];
        for (int b = 0; b < samples.Length; b++)
        {
            for (int s = 0; s < copies.Length; s++) resampler.FillCounts(s, b, copies[s]);
            samples[b] = panel.Kappas(copies).Average();
        }
        return samples;
    }

    /// <param name="stimuli">The stimuli compared with the humans; null when none matched.</param>
    static string? WhyNot(int resamples, int? stimuli) =>
        stimuli is null ? NoneShared
        : resamples <= 0 ? Off
        : stimuli < MinimumStimuli ? $"too few test stimuli shared with the humans for a bootstrap ({stimuli}; at least {MinimumStimuli} needed)"
        : null;

    static void Keep(ScoreSet scores, string key, double[] samples, string whyNot)
    {
        ScoreUncertainty.Add(scores, key, samples, whyNot);
        ScoreUncertainty.KeepHeadlineSamples(scores, key, samples);
    }
}
