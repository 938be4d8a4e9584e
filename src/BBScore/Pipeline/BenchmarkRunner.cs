using System.Diagnostics;
using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Features;
using BBScore.Metrics;
using BBScore.Models;
using BBScore.Progress;
using BBScore.Results;

namespace BBScore.Pipeline;

/// <summary>A stored result and where its JSON lives.</summary>
/// <param name="IndexError">Set when the JSON was saved but the results database could not take its row.</param>
public sealed record SavedResult(ResultRecord Record, string JsonPath, string? IndexError = null);

/// <summary>The offline pipeline: resolve names, extract (or load cached) features, aggregate and
/// project layers, score every metric, and store each score as JSON + an SQLite row. Assembly-to-assembly
/// benchmarks skip the model: one recording is scored against another.</summary>
public sealed class BenchmarkRunner(DataHome home, IProgressSink progress)
{
    public IReadOnlyList<SavedResult> Run(RunRequest request, CancellationToken cancel = default)
    {
        var total = Stopwatch.StartNew();
        var spec = request.CustomStimuli is { } custom ? AdHocBenchmark.Create(custom) : BenchmarkCatalog.Resolve(request.Benchmark);
        var metrics = ResolveMetrics(request.Metrics, spec, request.CustomStimuli?.TargetRdm is not null, MetricOptionsFor(request, spec.Kind));
        if (spec.Kind == BenchmarkKind.AssemblyToAssembly) return RunAssemblyPair(spec, request, metrics, total, cancel);
        if (string.Equals(request.Model, NoModel, StringComparison.Ordinal))
            throw new ArgumentException($"Benchmark '{spec.Name}' needs a model: '--model None' is only for assembly-to-assembly benchmarks.");
        if (spec.Kind == BenchmarkKind.Online) return new OnlineBenchmarkRunner(home, progress).Run(spec, request, metrics, total, ScoreAll, cancel);
        var layersTyped = request.ExpandedLayers;
        if (layersTyped.Count == 0) throw new ArgumentException("At least one --layer is required (see 'bbscore layers <model>').");

        // The run's data home and --offline apply to the model's files too (a hub export is downloaded on first use).
        using var model = ModelCatalog.Open(request.Model,
            new ModelOpenOptions { Device = request.Device, Offline = request.Offline, Progress = progress }, home.ModelsDir);
        var canonical = layersTyped.Distinct().ToDictionary(t => t, model.ResolveLayer);
        var layers = canonical.Values.Distinct().ToList();
        // Before downloading GBs, judge by the published size; once the data are local, by their actual size.
        // Offline with missing data, the list of missing files (from LoadData) is the answer, not a size verdict.
        if (spec.Size is { } size && !request.Offline && !DataIsLocal(spec))
            Preflight.RunPreflight.Check(Preflight.RunPreflight.Shape(size), request, model, canonical, home.FeaturesDir, progress);
        progress.Info($"model {model.Identity.Id}: preprocessing {model.Identity.Preprocessing}");

        var data = spec.LoadData(home, progress, request.Offline);
        if (data.ForModel is { } adapt) data = adapt(model);
        if (data.OwnMetric is { } own) metrics = metrics.Select(m => (m.Key, own(m.Key))).ToList();
        var cache = new FeatureCache(home.FeaturesDir);
        var cachedLayers = layers.Where(l => cache.Contains(FeatureExtractor.KeyFor(model, data.TrainStimuli, l))
                                             && (data.TestStimuli is null || cache.Contains(FeatureExtractor.KeyFor(model, data.TestStimuli, l))))
                                 .ToHashSet(StringComparer.Ordinal);
        var estimate = Preflight.RunPreflight.Check(Preflight.RunPreflight.Shape(data), request, model, canonical, home.FeaturesDir, progress, cachedLayers);
        var ceiling = data.CeilingFor(request.Compat);
        var extractor = new FeatureExtractor(model, cache, progress);
        var extraction = Stopwatch.StartNew();
        var batch = request.BatchSizesOr(() =>
        {
            int chosen = AutoBatchSize.Choose(model.ListLayers(), layers, Preflight.MachineResources.Detect(request.MemoryLimit).AvailableMemoryBytes,
                model.OutputsPerClip(Stimuli.IFixedLengthClips.FramesOf(data.TrainStimuli)));
            progress.Info($"batch size {chosen} (chosen from free memory; --batch-size N overrides)");
            return chosen;
        });
        // Streamed: the features stay in the cache's files and ridge reads them a block of columns at a time.
        var train = estimate.StreamsFeatures ? extractor.ExtractOnDisk(data.TrainStimuli, layers, batch.Train, cancel) : extractor.Extract(data.TrainStimuli, layers, batch.Train, cancel);
        var test = data.TestStimuli is null ? null
            : estimate.StreamsFeatures ? extractor.ExtractOnDisk(data.TestStimuli, layers, batch.Test, cancel) : extractor.Extract(data.TestStimuli, layers, batch.Test, cancel);
        extraction.Stop();
        bool cacheHit = train.All(f => f.CacheHit) && (test?.All(f => f.CacheHit) ?? true);
        progress.Info(cacheHit
            ? $"feature cache hit: {string.Join(", ", train.Select(f => f.Key.Hash[..12]))} ({extraction.Elapsed.TotalSeconds:F2} s)"
            : $"features extracted in {extraction.Elapsed.TotalSeconds:F1} s and cached under {home.FeaturesDir}");

        var trainGroups = Aggregate(train, canonical, request);
        var testGroups = test is null ? null : Aggregate(test, canonical, request);

        var saved = new List<SavedResult>();
        for (int g = 0; g < trainGroups.Count; g++)
        {
            var group = trainGroups[g];
            var inputs = new MetricInputs(group.Features, data.TrainTargets, testGroups?[g].Features, data.TestTargets,
                ceiling, data.StratifyLabels, request.Seed, request.Compat, TargetUnitShape: data.TargetUnitShape, TargetRdms: data.TargetRdms,
                UnitsPerSubject: data.UnitsPerSubject);
            var template = new ResultRecord
            {
                Id = "", Timestamp = default, Metric = "", Scores = new ScoreSet(""),
                Model = request.Model,
                Layer = group.Name,
                Benchmark = spec.Name,
                Ceiling = ceiling,
                Seed = request.Seed,
                ToolVersion = ToolInfo.Version,
                GitCommit = ToolInfo.GitCommit,
                ExtractionSeconds = extraction.Elapsed.TotalSeconds,
                FeatureCacheKey = string.Join(",", group.ConstituentLayers.Select(l => train.First(f => f.Layer == canonical[l]).Key.Hash)),
                FeatureCacheHit = cacheHit,
                Preprocessing = model.Identity.Preprocessing,
                AggregationMode = LayerAggregation.Describe(request.Aggregation),
                RandomProjection = request.Projection?.ToString().ToLowerInvariant(),
                StimulusSetHash = data.TrainStimuli.ContentHash,
                Compat = request.Compat == CompatMode.BBScore ? "bbscore" : "fixed",
                ConstituentLayers = group.ConstituentLayers,
            };
            saved.AddRange(ScoreAll(metrics, m => m.Score(inputs), template, group.Name, total, cancel));
        }
        return saved;
    }

    /// <summary>The metrics' options. Online read-outs train on the run's device; their batch is the online benchmark's
    /// DataLoader batch (the original's: --batch-size N sets extraction and training alike) or, mapping one recording to
    /// another, the original's OnlineAssemblyBenchmarkScorer's 256 unless --batch-size says otherwise.</summary>
    MetricOptions MetricOptionsFor(RunRequest request, BenchmarkKind kind)
    {
        int? given = request.BatchSizes.Count > 0 ? request.BatchSizes[0] : null;
        int? batch = request.Online.BatchSize ?? kind switch
        {
            BenchmarkKind.Online => given,
            BenchmarkKind.AssemblyToAssembly => given ?? Metrics.Online.OnlineOverrides.AssemblyBatchSize,
            _ => null,
        };
        return new MetricOptions
        {
            Progress = progress, SubsampleFeaturesForAlpha = request.SubsampleFeaturesForAlpha, Home = home, Offline = request.Offline,
            Bootstrap = request.Bootstrap,
            Online = request.Online with { Device = request.Online.Device ?? request.Device, BatchSize = batch },
        };
    }

    /// <summary>True when every data file of the benchmark is already on disk (nothing would be downloaded).</summary>
    bool DataIsLocal(BenchmarkSpec spec)
    {
        if (spec.Fetch is not { } fetch) return true;
        try
        {
            fetch(home, SilentProgress.Instance, true);
            return true;
        }
        catch (BBScore.Data.Download.DatasetUnavailableException)
        {
            return false;
        }
    }

    /// <summary>The model name that marks an assembly-to-assembly run (the original's <c>--model None</c>).</summary>
    public const string NoModel = "None";

    /// <summary>Assembly-to-assembly: the source recording takes the place of model features.</summary>
    IReadOnlyList<SavedResult> RunAssemblyPair(BenchmarkSpec spec, RunRequest request, IReadOnlyList<(string Key, IMetric Metric)> metrics,
                                               Stopwatch total, CancellationToken cancel)
    {
        if (!string.Equals(request.Model, NoModel, StringComparison.Ordinal))
            throw new ArgumentException($"Benchmark '{spec.Name}' maps one recording to another and takes no model: use '--model None' (and no --layer).");
        if (request.Projection is not null || request.Aggregation != AggregationMode.None)
            throw new ArgumentException($"Benchmark '{spec.Name}' takes no model features, so --random-projection and --aggregation-mode do not apply.");
        if (request.ExpandedLayers.Count > 0) progress.Warn($"--layer is ignored: '{spec.Name}' uses no model.");
        var load = spec.LoadAssemblyPair ?? throw new InvalidOperationException($"Benchmark '{spec.Name}' has no assembly loader.");
        var pair = load(home, progress, request.Offline);
        progress.Info($"{spec.Name}: source {pair.SourceName} {pair.SourceTrain.ShapeText} -> target ({pair.TargetTrain.GetLength(0)}, {pair.TargetTrain.GetLength(1)})" +
                      (pair.SourceTest is null ? "" : $", test {pair.SourceTest.Rows} stimuli"));
        var inputs = new MetricInputs(pair.SourceTrain, pair.TargetTrain, pair.SourceTest, pair.TargetTest, pair.Ceiling,
            Seed: request.Seed, Compat: request.Compat, TargetUnitShape: pair.TargetUnitShape);
        var template = new ResultRecord
        {
            Id = "", Timestamp = default, Metric = "", Scores = new ScoreSet(""),
            Model = NoModel,
            Layer = pair.SourceName,
            Benchmark = spec.Name,
            Ceiling = pair.Ceiling,
            Seed = request.Seed,
            ToolVersion = ToolInfo.Version,
            GitCommit = ToolInfo.GitCommit,
            StimulusSetHash = pair.ContentHash,
            Compat = request.Compat == CompatMode.BBScore ? "bbscore" : "fixed",
            ConstituentLayers = [pair.SourceName],
        };
        return ScoreAll(metrics, m => m.Score(inputs), template, pair.SourceName, total, cancel);
    }

    /// <summary>Scores every metric on the same inputs and stores each result (a copy of
    /// <paramref name="template"/> with the scores and timings). With several metrics, one that fails is
    /// reported and skipped; a single metric's failure is the run's failure.</summary>
    List<SavedResult> ScoreAll(IReadOnlyList<(string Key, IMetric Metric)> metrics, Func<IMetric, ScoreSet> score, ResultRecord template,
                               string sourceName, Stopwatch total, CancellationToken cancel)
    {
        var saved = new List<SavedResult>();
        foreach (var (key, metric) in metrics)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            ScoreSet scores;
            try
            {
                scores = score(metric);
            }
            catch (Exception e) when (metrics.Count > 1 && e is not OutOfMemoryException)
            {
                progress.Warn($"metric '{key}' failed on {sourceName}: {e.Message}");
                continue;
            }
            clock.Stop();
            ScoreUncertainty.NoteIfMissing(scores, $"'{key}' has no bootstrap yet");
            var now = DateTimeOffset.UtcNow;
            var record = template with
            {
                Id = ResultIds.New(now),
                Timestamp = now,
                Metric = key,
                Scores = scores,
                MetricSeconds = clock.Elapsed.TotalSeconds,
                TotalSeconds = total.Elapsed.TotalSeconds,
                CellKey = Sweeps.CellKey.For(template.Model, template.Layer, template.Benchmark, key, template.Seed,
                    template.RandomProjection, template.AggregationMode, template.Compat),
            };
            try
            {
                saved.Add(new SavedResult(record, ResultWriter.Save(record, home, progress.Warn)));
            }
            catch (ResultIndexException e)
            {
                // The score is computed and its JSON saved: show it, then report the index failure.
                saved.Add(new SavedResult(record, e.JsonPath, e.Message));
            }
        }
        return saved;
    }

    /// <param name="targetRdmOnly">The targets are precomputed RDMs, which only some metrics accept.</param>
    IReadOnlyList<(string Key, IMetric Metric)> ResolveMetrics(IReadOnlyList<string> keys, BenchmarkSpec spec, bool targetRdmOnly, MetricOptions metricOptions)
    {
        if (keys.Count == 0) throw new ArgumentException("At least one --metric is required (see 'bbscore list metrics').");
        var result = new List<(string, IMetric)>();
        foreach (string key in keys)
        {
            var entry = MetricCatalog.Find(key);
            if (spec.OnlyMetrics is { } only && !only.Contains(entry.Key, StringComparer.Ordinal))
                throw new ArgumentException($"Benchmark '{spec.Name}' scores with its own {string.Join(", ", only)} only, not '{entry.Key}'. " +
                                            $"Use --metric {only[0]}.");
            if (targetRdmOnly) TargetRdmFile.CheckMetric(entry.Key);
            if (!MetricCompatibility.IsCompatible(entry.Key, spec.Name))
                progress.Warn($"metric '{entry.Key}' is not listed as compatible with '{spec.Name}' " +
                              $"(compatible: {string.Join(", ", MetricCompatibility.CompatibleMetrics(spec.Name) ?? [])}); running it anyway.");
            result.Add((entry.Key, MetricCatalog.Create(entry.Key, metricOptions)));
        }
        return result;
    }

    /// <summary>Names each layer as the user typed it (results carry the user's names), then
    /// applies the aggregation mode and random projection.</summary>
    IReadOnlyList<NamedFeatures> Aggregate(IReadOnlyList<LayerFeatures> extracted, IReadOnlyDictionary<string, string> canonical, RunRequest request)
    {
        var named = canonical.Select(pair => new NamedFeatures(pair.Key, extracted.First(f => f.Layer == pair.Value).Features, [pair.Key])).ToList();
        return LayerAggregation.Apply(named, request.Aggregation, request.Projection, request.ProjectionDim, request.Seed, progress);
    }
}
