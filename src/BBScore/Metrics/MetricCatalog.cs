using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;
using BBScore.Metrics.Tuning;

namespace BBScore.Metrics;

/// <param name="Key">The original's metric key.</param>
/// <param name="Family">offline regression, offline similarity, online, tuning, ...</param>
/// <param name="Factory">Null while the metric is not yet available in this version.</param>
public sealed record MetricEntry(string Key, string Family, Func<MetricOptions, IMetric>? Factory)
{
    public bool Available => Factory is not null;
}

/// <summary>All 22 metric keys of the original registry; the ones this version implements have a
/// factory, the others are known (so typos still get suggestions) and report that they are not
/// available yet.</summary>
public static class MetricCatalog
{
    static readonly IReadOnlyList<MetricEntry> Entries =
    [
        new("ridge", "offline regression", o => new RegressionMetric("ridge",
            seed => new RidgeCvRegressor(RidgeAlphas.Default, alphaPerTarget: true, o.SubsampleFeaturesForAlpha, seed, warn: o.Progress.Warn), Regression(o))),
        new("torch_ridge", "offline regression", o => new RegressionMetric("torch_ridge", seed => new TorchRidgeCvRegressor(RidgeAlphas.Default, seed), Regression(o))),
        new("torch_lasso", "offline regression", o => new RegressionMetric("torch_lasso", seed => new TorchElasticNetRegressor(RidgeAlphas.Default, 1.0, seed), Regression(o))),
        new("torch_elastic", "offline regression", o => new RegressionMetric("torch_elastic", seed => new TorchElasticNetRegressor(RidgeAlphas.Default, 0.5, seed), Regression(o))),
        new("pls", "offline regression", o => new PlsMetric(Regression(o))),
        new("temporal_ridge", "offline regression", o => new TemporalRidgeMetric(o)),
        new("inverse_ridge", "offline regression", o => new InverseRidgeMetric(o)),
        new("bidirectional", "offline similarity", o => new BidirectionalMetric(o)),
        new("one_to_one", "offline similarity", o => new Similarity.Matching.OneToOneMetric(o)),
        new("soft_matching", "offline similarity", o => new Similarity.Matching.SoftMatchingMetric(o)),
        new("semi_matching", "offline similarity", o => new Similarity.Matching.SemiMatchingMetric(o)),
        new("rsa", "offline similarity", o => new Similarity.Rsa.RsaMetric(o.Bootstrap)),
        new("temporal_rsa", "offline similarity", o => new Similarity.Rsa.TemporalRsaMetric(o.Bootstrap)),
        new("versa", "offline similarity", o => new Similarity.Rsa.VersaMetric(o)),
        new("online_linear_classifier", "online", o => new Online.Classifier.OnlineLinearClassifier(o.Online.ApplyTo(Online.Classifier.ClassifierSettings.Linear), o.Progress, o.Bootstrap)),
        new("online_linear_regressor", "online", o => new Online.Regressor.OnlineLinearRegressor(o.Online.ApplyTo(Online.Regressor.RegressorSettings.Default), o.Progress, o.Bootstrap)),
        new("online_transformer_classifier", "online", o => new Online.Classifier.OnlineTransformerClassifier(o.Online.ApplyTo(Online.Classifier.ClassifierSettings.Transformer), o.Progress, o.Bootstrap)),
        new("physion_placement_prediction", "online + human comparison", o => new Online.Physion.PhysionPlacementMetric(o.Online.ApplyTo(Online.Physion.PhysionPlacementMetric.Defaults), Datasets.Physion.PhysionHumanTask.PlacementPrediction, o)),
        new("physion_placement_detection", "online + human comparison", o => new Online.Physion.PhysionPlacementMetric(o.Online.ApplyTo(Online.Physion.PhysionPlacementMetric.Defaults), Datasets.Physion.PhysionHumanTask.PlacementDetection, o)),
        new("physion_contact_prediction", "online + human comparison", o => new Online.Physion.PhysionContactMetric(o.Online.ApplyTo(Online.Physion.PhysionContactMetric.Defaults), Datasets.Physion.PhysionHumanTask.ContactPrediction, o)),
        new("physion_contact_detection", "online + human comparison", o => new Online.Physion.PhysionContactMetric(o.Online.ApplyTo(Online.Physion.PhysionContactMetric.Defaults), Datasets.Physion.PhysionHumanTask.ContactDetection, o)),
        new("orientation_selectivity", "tuning", o => new OrientationSelectivity(o.Bootstrap)),
    ];

    public static IReadOnlyList<MetricEntry> All => Entries;

    /// <summary>Finds the entry; unknown keys fail with the closest matches.</summary>
    public static MetricEntry Find(string key) =>
        Entries.FirstOrDefault(e => e.Key == key)
        ?? Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownNameException("metric", key, Entries.Select(e => e.Key), "Run 'bbscore list metrics' to see them all.");

    /// <summary>Creates the metric; a known key that this version does not implement yet fails with
    /// the list of available ones.</summary>
    public static IMetric Create(string key, MetricOptions? options = null)
    {
        var entry = Find(key);
        return entry.Factory?.Invoke(options ?? MetricOptions.Default) ?? throw new InvalidOperationException(
            $"Metric '{entry.Key}' ({entry.Family}) is part of BBScore but not available in this version yet. " +
            $"Available now: {string.Join(", ", Entries.Where(e => e.Available).Select(e => e.Key))}.");
    }

    static RegressionOptions Regression(MetricOptions options) => RegressionOptions.Default with { Progress = options.Progress, Bootstrap = options.Bootstrap };
}
