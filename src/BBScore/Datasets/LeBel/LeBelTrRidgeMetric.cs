using BBScore.Metrics;
using BBScore.Numerics;

namespace BBScore.Datasets.LeBel;

/// <summary><c>ridge</c> (and <c>torch_ridge</c>, which the original runs with the same scikit-learn model) on a
/// TR-level LeBel2023 benchmark: the HRF-shifted features of every story's TRs mapped to the ceiling-mask voxels by
/// <see cref="LeBelTrRidge"/>, summarised by <see cref="LeBelTrSummary"/> and <see cref="LeBelTrSpatialSummary"/>.
/// Headline: <c>final_pearson_ceiled</c>.</summary>
public sealed class LeBelTrRidgeMetric(LeBelTrData data, string key) : IMetric
{
    public string Key { get; } = key;

    public ScoreSet Score(MetricInputs inputs)
    {
        var x = data.Stimuli.Layout.Design(FeatureMatrix.From(inputs.TrainFeatures), data.Pairs);
        var folds = LeBelTrRidge.CrossValidate(x, data.Fmri, data.Groups, data.Masks, inputs.Compat);
        var scores = new ScoreSet("final_pearson_ceiled");
        foreach (var (name, value) in LeBelTrSummary.Global(folds, data.Ceiling, data.Masks)) scores.Add(name, value);
        if (data.PerTrCeiling is double perTr) scores.Add("per_tr_ceiling", perTr);
        LeBelTrSpatialSummary.Add(scores, folds.PerTrSpatial, data.Groups, data.StoryNames, data.PerTrCeiling);
        data.AddRunKeys(scores);
        return scores;
    }
}
