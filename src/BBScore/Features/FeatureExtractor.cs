using BBScore.Models;
using BBScore.Progress;
using BBScore.Stimuli;

namespace BBScore.Features;

/// <summary>One layer's features for a whole stimulus set, flattened to (stimuli, units).</summary>
public sealed record LayerFeatures(string Layer, FeatureTensor Features, int[] UnitShape, FeatureCacheKey Key, bool CacheHit);

/// <summary>One layer's features of a stimulus set in the cache, not loaded: the .npy at <see cref="DataPath"/> holds
/// (stimuli, units) float32 rows, each of shape <see cref="UnitShape"/>.</summary>
public sealed record CachedLayer(string Layer, FeatureCacheKey Key, string DataPath, int[] UnitShape, bool CacheHit);

/// <summary>Shows a stimulus set to a model in batches and returns each requested layer's flattened
/// activations. Layers already in the feature cache are loaded, not recomputed; the others are
/// extracted in one pass and streamed to the cache batch by batch (never held twice in memory).</summary>
public sealed class FeatureExtractor(IFeatureModel model, FeatureCache cache, IProgressSink progress)
{
    /// <summary>The postprocessing applied to every layer output: flatten all axes after the batch
    /// axis, as the original's image models do (B, -1).</summary>
    public const string Postprocess = "flatten";

    /// <summary>The cache entry of <paramref name="layer"/>'s features of <paramref name="stimuli"/>.</summary>
    public static FeatureCacheKey KeyFor(IFeatureModel model, IStimulusSet stimuli, string layer) =>
        FeatureCacheKey.For(model.Identity, layer, stimuli.Name, stimuli.ContentHash, Postprocess);

    public IReadOnlyList<LayerFeatures> Extract(IStimulusSet stimuli, IReadOnlyList<string> layers, int batchSize, CancellationToken cancel = default)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "Batch size must be at least 1.");
        return Extract(stimuli, layers, () => batchSize, cancel);
    }

    /// <summary>As above, with the batch size asked for only when something has to be extracted (choosing it
    /// may measure the model; a cache hit needs no batch at all).</summary>
    public IReadOnlyList<LayerFeatures> Extract(IStimulusSet stimuli, IReadOnlyList<string> layers, Func<int> batchSize, CancellationToken cancel = default) =>
        EnsureCached(stimuli, layers, batchSize, cancel).Select(entry =>
            cache.TryLoad(entry.Key, out var features, out var unitShape)
                ? new LayerFeatures(entry.Layer, features, unitShape, entry.Key, entry.CacheHit)
                : throw new IOException($"Features for layer '{entry.Layer}' were written to {entry.DataPath} but cannot be read back; check free disk space."))
            .ToList();

    /// <summary>As <see cref="Extract(IStimulusSet, IReadOnlyList{string}, Func{int}, CancellationToken)"/>, with each layer's
    /// features left in the cache's file (<see cref="FeatureTensor.OnDisk"/>) for a metric that reads them in blocks.</summary>
    public IReadOnlyList<LayerFeatures> ExtractOnDisk(IStimulusSet stimuli, IReadOnlyList<string> layers, Func<int> batchSize, CancellationToken cancel = default) =>
        EnsureCached(stimuli, layers, batchSize, cancel).Select(entry => new LayerFeatures(entry.Layer,
                FeatureTensor.OnDisk(entry.DataPath, [stimuli.Count, checked((int)entry.UnitShape.Aggregate(1L, (a, d) => a * d))]),
                entry.UnitShape, entry.Key, entry.CacheHit))
            .ToList();

    /// <summary>Makes sure each layer's features of <paramref name="stimuli"/> are in the cache, extracting the missing ones in
    /// one streamed pass, and returns where they are without reading them (<c>Extract</c> then loads them; the online
    /// read-outs stream the rows from disk every epoch instead of running the model again). Layers already cached are not
    /// recomputed. One extraction per entry across processes: a second identical run waits for the first, then uses what it
    /// wrote (locks taken in key order, so runs with overlapping layers cannot deadlock).</summary>
    public IReadOnlyList<CachedLayer> EnsureCached(IStimulusSet stimuli, IReadOnlyList<string> layers, Func<int> batchSize, CancellationToken cancel = default)
    {
        if (stimuli.Count == 0) throw new InvalidOperationException($"Stimulus set '{stimuli.Name}' is empty.");
        var keys = layers.Distinct().ToDictionary(l => l, l => KeyFor(model, stimuli, l));
        var hits = new Dictionary<string, int[]>(StringComparer.Ordinal);
        void Describe(string layer)
        {
            if (cache.TryDescribe(keys[layer], out var shape, out var unitShape) && shape.Length > 0 && shape[0] == stimuli.Count) hits[layer] = unitShape;
        }
        foreach (string layer in keys.Keys) Describe(layer);
        var missing = keys.Keys.Where(l => !hits.ContainsKey(l)).ToList();
        using (var locks = FeatureCacheLocks.Acquire(cache, missing.Select(l => keys[l]), progress, cancel))
        {
            foreach (var layer in missing) Describe(layer);
            missing.RemoveAll(hits.ContainsKey);
            if (missing.Count > 0)
            {
                int size = batchSize();
                if (size < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "Batch size must be at least 1.");
                ExtractToCache(stimuli, missing, keys, size, cancel);
            }
        }
        return keys.Select(pair =>
        {
            bool hit = hits.TryGetValue(pair.Key, out var unitShape);
            if (!hit && !cache.TryDescribe(pair.Value, out _, out unitShape))
                throw new IOException($"Features for layer '{pair.Key}' were written to {cache.DataPath(pair.Value)} but cannot be read back; check free disk space.");
            return new CachedLayer(pair.Key, pair.Value, cache.DataPath(pair.Value), unitShape!, hit);
        }).ToList();
    }

    /// <summary>Runs the model on the listed stimuli (any rows, in the order given) and copies <paramref name="layer"/>'s
    /// flattened features into <paramref name="destination"/>, caching nothing: for streams that change every epoch
    /// (augmented clips), which the feature cache must not keep.</summary>
    public void ExtractRows(IStimulusSet stimuli, ReadOnlySpan<int> rows, string layer, Span<float> destination)
    {
        using var batch = PrepareLoaded(LoadBatch(stimuli, rows.ToArray()));
        var tensor = Run(batch, [layer])[layer];
        if (tensor.Rows != rows.Length)
            throw new InvalidOperationException($"Layer '{layer}' returned {tensor.Rows} rows for a batch of {rows.Length}.");
        if (tensor.Data.Length > destination.Length)
            throw new InvalidOperationException($"Layer '{layer}' gives {tensor.RowLength} values per stimulus, more than the {destination.Length / Math.Max(1, rows.Length)} its cached features have.");
        tensor.Data.CopyTo(destination);
    }

    /// <summary>Decodes/renders a batch in parallel; a failing stimulus surfaces as its own
    /// exception (not an AggregateException) so the user sees which file is bad.</summary>
    static Stimulus[] LoadBatch(IStimulusSet stimuli, int start, int count) => LoadBatch(stimuli, Enumerable.Range(start, count).ToArray());

    static Stimulus[] LoadBatch(IStimulusSet stimuli, int[] indices)
    {
        var batch = new Stimulus[indices.Length];
        try
        {
            Parallel.For(0, indices.Length, i => batch[i] = stimuli.Load(indices[i]));
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
        return batch;
    }

    OwnedBatch Prepare(IStimulusSet stimuli, int start, int count) => PrepareLoaded(LoadBatch(stimuli, start, count));

    /// <summary>Puts loaded stimuli in the model's input form; on failure their buffers go back to the pool.</summary>
    OwnedBatch PrepareLoaded(Stimulus[] batch)
    {
        try
        {
            return new OwnedBatch(model is IPreparingFeatureModel preparing ? preparing.Prepare(batch) : new LoadedBatch(batch), batch);
        }
        catch
        {
            foreach (var stimulus in batch) stimulus.RecycleBuffers();
            throw;
        }
    }

    IReadOnlyDictionary<string, FeatureTensor> Run(OwnedBatch batch, IReadOnlyList<string> layers) =>
        batch.Prepared is LoadedBatch loaded ? model.Extract(loaded.Stimuli, layers) : ((IPreparingFeatureModel)model).Extract(batch.Prepared, layers);

    /// <summary>A batch in the model's input form and the stimuli it was made from. The extractor loaded those
    /// stimuli and nothing else holds them, so once the batch has run their pooled image buffers are reused
    /// for later batches instead of becoming garbage.</summary>
    sealed class OwnedBatch(IPreparedBatch prepared, Stimulus[] stimuli) : IDisposable
    {
        public IPreparedBatch Prepared => prepared;
        public int Count => prepared.Count;

        public void Dispose()
        {
            prepared.Dispose();
            foreach (var stimulus in stimuli) stimulus.RecycleBuffers();
        }
    }

    /// <summary>Decoded stimuli, for models that prepare their inputs inside <see cref="IFeatureModel.Extract"/>.</summary>
    sealed class LoadedBatch(Stimulus[] stimuli) : IPreparedBatch
    {
        public Stimulus[] Stimuli => stimuli;
        public int Count => stimuli.Length;
        public void Dispose() { }
    }

    void ExtractToCache(IStimulusSet stimuli, IReadOnlyList<string> layers, IReadOnlyDictionary<string, FeatureCacheKey> keys, int batchSize, CancellationToken cancel)
    {
        var writers = new Dictionary<string, FeatureCache.Writer>();
        try
        {
            progress.Track($"Extracting {string.Join(", ", layers)} from {stimuli.Name}", stimuli.Count, advance =>
            {
                // The next batch is decoded (and, where the model can, preprocessed) while the model runs the
                // current one when inference leaves the CPU free (a GPU). When inference already keeps every core
                // busy, the next batch is prepared right after each run, on all cores: preparing it beside inference
                // would preempt one of the inference threads and stall the others at their per-operator barriers
                // (docs/PERFORMANCE.md: 78 against 75 images/s end to end on 2 cores). Clips are the exception to the
                // exception: their decoding is an ffmpeg process this one only waits for, so it is started beside
                // inference, and only the preprocessing waits.
                bool overlap = model is not IPreparingFeatureModel { InferenceUsesEveryCore: true };
                bool loadAhead = !overlap && stimuli.DecodesOutOfProcess;
                Task<OwnedBatch>? next = Task.Run(() => Prepare(stimuli, 0, Math.Min(batchSize, stimuli.Count)));
                Task<Stimulus[]>? loading = null;
                try
                {
                    for (int start = 0; start < stimuli.Count; start += batchSize)
                    {
                        using var batch = next!.GetAwaiter().GetResult();
                        next = null;
                        cancel.ThrowIfCancellationRequested(); // between batches: the partial files are then removed
                        int count = batch.Count, following = start + count, followingCount = Math.Min(batchSize, stimuli.Count - following);
                        if (following < stimuli.Count && overlap) next = Task.Run(() => Prepare(stimuli, following, followingCount));
                        if (following < stimuli.Count && loadAhead) loading = Task.Run(() => LoadBatch(stimuli, following, followingCount));
                        var outputs = Run(batch, layers);
                        if (loading is not null)
                        {
                            var loaded = loading.GetAwaiter().GetResult();
                            loading = null;
                            next = Task.FromResult(PrepareLoaded(loaded));
                        }
                        else if (following < stimuli.Count && !overlap) next = Task.FromResult(Prepare(stimuli, following, followingCount));
                        foreach (var layer in layers)
                        {
                            var tensor = outputs[layer];
                            if (tensor.Rows != count)
                                throw new InvalidOperationException($"Layer '{layer}' returned {tensor.Rows} rows for a batch of {count}.");
                            if (!writers.TryGetValue(layer, out var writer))
                            {
                                writer = cache.BeginWrite(keys[layer], stimuli.Count, tensor.RowLength, tensor.Shape[1..]);
                                writers[layer] = writer;
                            }
                            writer.WriteRows(tensor.Data);
                        }
                        advance(following);
                        if (start == 0) FaultPoints.Reach(FaultPoints.Extraction);
                    }
                }
                finally
                {
                    // A failed batch must not leave a decode running against a set that is being torn down.
                    try { next?.GetAwaiter().GetResult().Dispose(); } catch (Exception) { } // its own failure is not this one's cause
                    try { if (loading?.GetAwaiter().GetResult() is { } loaded) foreach (var stimulus in loaded) stimulus.RecycleBuffers(); } catch (Exception) { }
                    RgbImage.ReleasePooledBuffers(); // the metric that follows gets that memory back
                }
                return 0;
            });
            foreach (var writer in writers.Values) writer.Complete();
        }
        finally
        {
            foreach (var writer in writers.Values) writer.Dispose();
        }
    }
}
