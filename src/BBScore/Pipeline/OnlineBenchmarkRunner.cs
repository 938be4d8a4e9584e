using System.Diagnostics;
using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Online;
using BBScore.Metrics.Online.Streams;
using BBScore.Models;
using BBScore.Progress;
using BBScore.Pipeline.Preflight;
using BBScore.Results;

namespace BBScore.Pipeline;

/// <summary>The online pipeline (the original's <c>OnlineBenchmarkScore</c>): one layer's features are extracted once,
/// batch by batch, into the content-keyed feature cache and then streamed from it, so every epoch of every grid point
/// reads rows from disk instead of running the model again, and memory holds one batch whatever the stimulus count.
/// The read-out trains on a seeded 90/10 train/validation split of the training stimuli and is tested on the test set.</summary>
public sealed class OnlineBenchmarkRunner(DataHome home, IProgressSink progress)
{
    /// <summary>The original's training batch for online TVSD and Physion (its DataLoader's batch).</summary>
    public const int DefaultBatchSize = 32;

    public delegate List<SavedResult> ScoreEach(IReadOnlyList<(string Key, IMetric Metric)> metrics, Func<IMetric, ScoreSet> score,
                                                ResultRecord template, string sourceName, Stopwatch total, CancellationToken cancel);

    public IReadOnlyList<SavedResult> Run(BenchmarkSpec spec, RunRequest request, IReadOnlyList<(string Key, IMetric Metric)> metrics,
                                          Stopwatch total, ScoreEach scoreEach, CancellationToken cancel)
    {
        var offlineOnly = metrics.Where(m => m.Metric is not IOnlineMetric).Select(m => m.Key).ToList();
        if (offlineOnly.Count > 0)
            throw new ArgumentException($"Benchmark '{spec.Name}' is online: it trains a read-out while features stream, so it takes online metrics " +
                                        $"({string.Join(", ", MetricCatalog.All.Where(e => e.Family == "online" && e.Available).Select(e => e.Key))}), " +
                                        $"not {string.Join(", ", offlineOnly)}. Use --metric {spec.SuggestedMetric}.");
        if (request.Projection is not null || request.Aggregation != AggregationMode.None)
            throw new ArgumentException($"Benchmark '{spec.Name}' is online: --random-projection and --aggregation-mode do not apply (the read-out takes the layer as it is).");
        var layersTyped = request.ExpandedLayers;
        if (layersTyped.Count != 1)
            throw new ArgumentException(layersTyped.Count == 0
                ? "One --layer is required (see 'bbscore layers <model>')."
                : $"Online benchmarks train one read-out on one layer; got {layersTyped.Count} ({string.Join(", ", layersTyped)}). Run once per layer.");

        using var model = ModelCatalog.Open(request.Model,
            new ModelOpenOptions { Device = request.Device, Offline = request.Offline, Progress = progress }, home.ModelsDir);
        string typed = layersTyped[0], layer = model.ResolveLayer(typed);
        progress.Info($"model {model.Identity.Id}: preprocessing {model.Identity.Preprocessing}");
        var data = spec.LoadData(home, progress, request.Offline);
        if (data.ForModel is { } adapt) data = adapt(model);
        if (data.TestStimuli is null || data.TestTargets is null)
            throw new InvalidOperationException($"Benchmark '{spec.Name}' has no test set; online read-outs are tested on one.");

        int trainingBatch = request.BatchSizes.Count > 0 ? request.BatchSizes[0] : DefaultBatchSize;
        var cache = new FeatureCache(home.FeaturesDir);
        OnlinePreflight.Check(model, layer, data, trainingBatch, home.FeaturesDir, progress);
        var extractor = new FeatureExtractor(model, cache, progress);
        var extraction = Stopwatch.StartNew();
        var batch = request.BatchSizesOr(() => trainingBatch);
        var train = extractor.EnsureCached(data.TrainStimuli, [layer], batch.Train, cancel)[0];
        var test = extractor.EnsureCached(data.TestStimuli, [layer], batch.Test, cancel)[0];
        extraction.Stop();
        bool cacheHit = train.CacheHit && test.CacheHit;
        progress.Info(cacheHit
            ? $"feature cache hit: {train.Key.Hash[..12]} ({extraction.Elapsed.TotalSeconds:F2} s); every epoch streams the rows from it"
            : $"features extracted once in {extraction.Elapsed.TotalSeconds:F1} s into {home.FeaturesDir}; every epoch streams the rows from there");

        using var trainFeatures = new NpyRowSource(train.DataPath, train.UnitShape);
        using var testFeatures = new NpyRowSource(test.DataPath, test.UnitShape);
        var ceiling = data.CeilingFor(request.Compat);
        var online = OnlineData.Split(trainFeatures, new MatrixRowSource(data.TrainTargets), testFeatures, new MatrixRowSource(data.TestTargets),
            ceiling, request.Seed, request.Compat, data.StratifyLabels) with
        {
            TestIds = data.TestStimuli.Ids,
            NumClasses = data.NumClasses,
            // Augmented clips differ every epoch: the model sees them batch by batch, nothing is cached; validation stays clean.
            EpochTrainFeatures = data.AugmentedTrainStimuli is { } augmented
                ? epoch => new ModelRowSource(extractor, augmented(epoch), layer, train.UnitShape)
                : null,
        };
        if (data.AugmentedTrainStimuli is not null)
            progress.Info("augmented training: every epoch runs the model on freshly augmented training clips (not cached); validation uses the clean cached features");
        var template = new ResultRecord
        {
            Id = "", Timestamp = default, Metric = "", Scores = new ScoreSet(""),
            Model = request.Model,
            Layer = typed,
            Benchmark = spec.Name,
            Ceiling = ceiling,
            Seed = request.Seed,
            ToolVersion = ToolInfo.Version,
            GitCommit = ToolInfo.GitCommit,
            ExtractionSeconds = extraction.Elapsed.TotalSeconds,
            FeatureCacheKey = train.Key.Hash,
            FeatureCacheHit = cacheHit,
            Preprocessing = model.Identity.Preprocessing,
            StimulusSetHash = data.TrainStimuli.ContentHash,
            Compat = request.Compat == CompatMode.BBScore ? "bbscore" : "fixed",
            ConstituentLayers = [typed],
        };
        return scoreEach(metrics, m => ((IOnlineMetric)m).Score(online, cancel), template, typed, total, cancel);
    }
}
