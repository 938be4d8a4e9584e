using BBScore.Numerics;
using BBScore.Features;

namespace BBScore.Metrics.Tuning;

/// <summary>
/// <c>orientation_selectivity</c>: how orientation-tuned a layer's units are, from their responses
/// to sine gratings. Features are flattened to (stimuli, units); targets are the grating label
/// rows with the angle in degrees in column 0. Each unit's tuning curve is its mean response per
/// distinct angle; selectivity is the Ringach circular variance (0 = responds to one orientation
/// only, 1 = untuned). No ceiling applies. Train and test stimuli, when both given, are pooled.
/// </summary>
/// <remarks>
/// Fixed mode uses the actual angles from the labels (any number of them), reports one
/// preference entry per distinct angle and counts 0° once in the cardinality index.
/// <see cref="CompatMode.BBScore"/> reproduces the original, which assumes exactly 8 evenly spaced
/// orientations (θ = linspace(0, π, 9)[:-1]) and double-counts 0° as 180°.
/// </remarks>
/// <param name="bootstrap">Resamples of the units behind <c>mean_cv</c>'s error bar (<see cref="OrientationSelectivityUncertainty"/>); 0 = none.</param>
public sealed class OrientationSelectivity(int bootstrap = ScoreUncertainty.DefaultResamples) : IMetric
{
    public const string MetricKey = "orientation_selectivity";

    /// <summary>Units with CV below this count as orientation selective (the original's 0.6).</summary>
    const double SelectiveThreshold = 0.6;

    const int CompatAngleCount = 8;

    public string Key => MetricKey;

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var curves = OrientationTuningCurves.Compute(Blocks(inputs));
        bool compat = inputs.Compat == CompatMode.BBScore;
        if (compat && curves.AnglesDeg.Length != CompatAngleCount)
            throw new ArgumentException(
                $"orientation_selectivity with --compat bbscore reproduces the original, which assumes exactly " +
                $"{CompatAngleCount} orientations (θ = linspace(0, π, 9)[:-1]); these stimuli have " +
                $"{curves.AnglesDeg.Length} distinct angles ({string.Join(", ", curves.AnglesDeg)}). " +
                "Run without --compat bbscore to use the actual angles.");

        int units = curves.UnitCount;
        double[] theta = compat
            ? Enumerable.Range(0, CompatAngleCount).Select(k => k * (Math.PI / CompatAngleCount)).ToArray() // numpy linspace: k·step
            : curves.AnglesDeg.Select(a => a * Math.PI / 180.0).ToArray();
        var cv = new double[units];
        var preferredIndex = new int[units];
        CircularVariance.Compute(curves, theta, cv, preferredIndex);

        // The original reads preferred angles on its fixed 22.5° grid, whatever the labels say.
        double[] preferredAngleOfIndex = compat
            ? Enumerable.Range(0, CompatAngleCount).Select(k => 180.0 * k / CompatAngleCount).ToArray()
            : curves.AnglesDeg;
        var preferred = new double[units];
        var unitsPerIndex = new int[curves.AnglesDeg.Length];
        for (int u = 0; u < units; u++)
        {
            preferred[u] = preferredAngleOfIndex[preferredIndex[u]];
            unitsPerIndex[preferredIndex[u]]++;
        }
        var preference = compat
            ? OrientationPreference.Compat(unitsPerIndex, units)
            : OrientationPreference.Fixed(curves.AnglesDeg, unitsPerIndex, units);

        double meanCv = NanStatistics.Mean(cv);
        var scores = new ScoreSet("mean_cv");
        // Per-unit arrays are handed over without the copy ScoreValue.Of makes: they can hold ~10⁶ units.
        scores.Add("cv", new ScoreValue(cv, [units]));
        scores.Add("mean_cv", meanCv);
        scores.Add("median_cv", NanStatistics.Median(cv));
        scores.Add("per_selective_thresh_mean", NanStatistics.PercentBelow(cv, meanCv));
        scores.Add("per_selective_thresh_06", NanStatistics.PercentBelow(cv, SelectiveThreshold));
        scores.Add("orientations", preference.OrientationsDeg);
        scores.Add("preferred_orientation", new ScoreValue(preferred, [units]));
        scores.Add("preference_percent", preference.PreferencePercent);
        scores.Add("cardinality_index", preference.CardinalityIndex);
        OrientationSelectivityUncertainty.Add(scores, cv, bootstrap, inputs.Seed);
        return scores;
    }

    static List<(FeatureTensor Features, double[,] Labels)> Blocks(MetricInputs inputs)
    {
        var blocks = new List<(FeatureTensor, double[,])> { (inputs.TrainFeatures, inputs.TrainTargets) };
        if (inputs.TestFeatures is not null)
        {
            if (inputs.TestTargets is null)
                throw new ArgumentException("Test features were given without test labels (the grating angles).");
            blocks.Add((inputs.TestFeatures, inputs.TestTargets));
        }
        return blocks;
    }
}
