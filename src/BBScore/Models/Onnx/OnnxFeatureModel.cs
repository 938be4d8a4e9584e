using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BBScore.Models.Onnx;

/// <summary>A model run by ONNX Runtime whose layers are read as extra graph outputs. The input kind
/// is the feeder's (<see cref="IOnnxInputFeeder"/>). One session is built per set of requested layers
/// (the graph edited once for it) and kept for reuse. Not meant for concurrent calls: calls are serialised.</summary>
public sealed class OnnxFeatureModel : IPreparingFeatureModel
{
    readonly OnnxModelFile _file;
    readonly IOnnxInputFeeder _feeder;
    readonly LayerTable _layers;
    readonly ModelOpenOptions _options;
    readonly OnnxSessionCache _sessions;
    readonly RunOptions _runOptions = new();
    readonly Lock _gate = new();
    IReadOnlyList<LayerInfo>? _listing;

    public OnnxFeatureModel(ModelIdentity identity, OnnxModelFile file, IOnnxInputFeeder feeder, BatchMode batchMode,
        LayerTable layers, ModelOpenOptions options)
    {
        Identity = identity;
        _file = file;
        _feeder = feeder;
        BatchMode = batchMode;
        _layers = layers;
        _options = options;
        _sessions = new OnnxSessionCache(CreateSession);
    }

    public ModelIdentity Identity { get; }

    public BatchMode BatchMode { get; }

    public IOnnxInputFeeder Feeder => _feeder;

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    /// <summary>A clip graph takes the clip whole; every other feeder runs it frame by frame.</summary>
    public int OutputsPerClip(int frames) => _feeder is Feeders.OnnxClipFeeder ? 1 : frames;

    public double? AudioContextSeconds => _feeder.AudioContextSeconds;

    /// <summary>Every module with its output shape for one stimulus, measured by running the feeder's
    /// probe stimulus with all module outputs exposed (ONNX Runtime's shapes are the reliable ones). Computed once.</summary>
    public IReadOnlyList<LayerInfo> ListLayers()
    {
        lock (_gate)
        {
            if (_listing != null) return _listing;
            var tensors = _layers.Modules.Select(m => m.Tensor).Distinct(StringComparer.Ordinal).ToList();
            var shapes = new Dictionary<string, int[]?>(StringComparer.Ordinal);
            if (tensors.Count > 0)
            {
                using var session = CreateSession(tensors);
                using var feed = _feeder.Prepare([_feeder.Probe()]);
                var outputs = ReadOutputs(session, feed, tensors, floatOnly: false);
                foreach (string tensor in tensors) shapes[tensor] = outputs.GetValueOrDefault(tensor)?.Shape[1..];
            }
            _listing = _layers.Modules.Select(m => new LayerInfo(m.Name, shapes.GetValueOrDefault(m.Tensor), m.Aliases, m.Tensor)).ToList();
            return _listing;
        }
    }

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers)
    {
        using var prepared = Prepare(batch);
        return Extract(prepared, layers);
    }

    /// <summary>Runs the feeder on the batch: whole; per stimulus for stimuli the feeder says must not share a
    /// batch; one graph row per run for a graph fixed at batch 1 (a frame-wise model's clip runs frame by frame).
    /// Needs no lock: feeders keep no state between feeds.</summary>
    public bool InferenceUsesEveryCore => OnnxSessionFactory.ParseDevice(_options.Device) is null;

    public IPreparedBatch Prepare(IReadOnlyList<Stimulus> batch)
    {
        if (batch.Count == 0) throw new ArgumentException("The batch is empty.", nameof(batch));
        var groups = new List<FeedGroup>();
        try
        {
            if (BatchMode == BatchMode.Batched && _feeder.BatchesTogether(batch)) groups.Add(new FeedGroup([_feeder.Prepare(batch)], Frames: false));
            else foreach (var stimulus in batch) groups.Add(PrepareOne(stimulus));
            return new PreparedFeeds(batch.Count, groups);
        }
        catch
        {
            foreach (var group in groups) group.Dispose();
            throw;
        }
    }

    FeedGroup PrepareOne(Stimulus stimulus)
    {
        var rows = BatchMode == BatchMode.PerStimulus ? _feeder.SingleRows(stimulus) : [stimulus];
        if (rows is [var only] && ReferenceEquals(only, stimulus)) return new FeedGroup([_feeder.Prepare([stimulus])], Frames: false);
        var feeds = new List<OnnxFeed>(rows.Count);
        try
        {
            foreach (var row in rows) feeds.Add(_feeder.Prepare([row]));
            return new FeedGroup(feeds, Frames: true);
        }
        catch
        {
            foreach (var feed in feeds) feed.Dispose();
            throw;
        }
    }

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IPreparedBatch batch, IReadOnlyList<string> layers)
    {
        if (batch is not PreparedFeeds prepared) throw new ArgumentException("The batch was prepared by another model.", nameof(batch));
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        var resolved = layers.Select(name => (Name: name, Layer: _layers.Resolve(name))).ToList();
        var tensors = resolved.Select(r => r.Layer.Tensor).Distinct(StringComparer.Ordinal).ToList();

        Dictionary<string, FeatureTensor> byTensor;
        lock (_gate)
        {
            var session = _sessions.Get(tensors);
            var parts = prepared.Groups.Select(group => ReadGroup(session, group, tensors)).ToList();
            byTensor = parts.Count == 1 ? parts[0] : Concatenate(parts, tensors);
        }
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (var (name, layer) in resolved) result[name] = byTensor[layer.Tensor];
        return result;
    }

    sealed class PreparedFeeds(int count, IReadOnlyList<FeedGroup> groups) : IPreparedBatch
    {
        public int Count => count;
        public IReadOnlyList<FeedGroup> Groups => groups;

        public void Dispose()
        {
            foreach (var group in groups) group.Dispose();
        }
    }

    /// <summary>The runs behind some stimuli: one feed, or (<paramref name="Frames"/>) one feed per frame of one clip.</summary>
    sealed record FeedGroup(IReadOnlyList<OnnxFeed> Feeds, bool Frames) : IDisposable
    {
        public void Dispose()
        {
            foreach (var feed in Feeds) feed.Dispose();
        }
    }

    /// <summary>A group's outputs, one row per stimulus: a clip's per-frame rows are stacked to (1, T, ...), as a
    /// frame-wise batch is regrouped.</summary>
    Dictionary<string, FeatureTensor> ReadGroup(InferenceSession session, FeedGroup group, IReadOnlyList<string> tensors)
    {
        var parts = group.Feeds.Select(feed => ReadOutputs(session, feed, tensors, floatOnly: true)).ToList();
        if (!group.Frames) return parts.Count == 1 ? parts[0] : Concatenate(parts, tensors);
        return Concatenate(parts, tensors).ToDictionary(
            pair => pair.Key,
            pair => new FeatureTensor(pair.Value.Data, FrameBatch.Shape(parts.Count, parts.Count, pair.Value.Shape[1..])),
            StringComparer.Ordinal);
    }

    InferenceSession CreateSession(IReadOnlyList<string> tensors) =>
        OnnxSessionFactory.Create(EditedGraphCache.Load(_file, tensors, () => OnnxGraphEditor.SerializeWithOutputs(_file.Model, tensors)), _options, _file.ExternalDataFolder);

    /// <summary>Runs one batch and returns each tensor restored to one row per stimulus. Non-float tensors
    /// throw when <paramref name="floatOnly"/>, else are left out (layer listing).</summary>
    Dictionary<string, FeatureTensor> ReadOutputs(InferenceSession session, OnnxFeed feed, IReadOnlyList<string> tensors, bool floatOnly)
    {
        using var outputs = session.Run(_runOptions, feed.Names, feed.Values, tensors);
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        for (int i = 0; i < tensors.Count; i++)
        {
            var info = outputs[i].GetTensorTypeAndShape();
            if (info.ElementDataType != TensorElementType.Float || info.Shape.Length == 0)
            {
                if (!floatOnly) continue;
                throw new NotSupportedException($"Tensor '{tensors[i]}' holds {info.ElementDataType} values; only float32 layers can be features.");
            }
            int[] shape = info.Shape.Select(d => (int)d).ToArray();
            // A graph fixed at batch 1 may hold tensors without a batch axis (GLM's vision blocks work on
            // (patches, dim)): the whole tensor belongs to the one stimulus, as the original's unsqueeze(0) reads it.
            if (BatchMode == BatchMode.PerStimulus && feed.GraphRows == 1 && shape[0] != 1) shape = [1, .. shape];
            if (shape[0] != feed.GraphRows)
            {
                if (!floatOnly) continue;
                throw new InvalidOperationException(
                    $"Tensor '{tensors[i]}' has shape [{string.Join(",", shape)}]: its first axis is not the batch of {feed.GraphRows}, so it cannot be read as a layer.");
            }
            result[tensors[i]] = feed.Restore(new FeatureTensor(outputs[i].GetTensorDataAsSpan<float>().ToArray(), shape));
        }
        return result;
    }

    /// <summary>Stacks the parts' rows in order (each part holds one or more rows).</summary>
    static Dictionary<string, FeatureTensor> Concatenate(IReadOnlyList<Dictionary<string, FeatureTensor>> partsInOrder, IReadOnlyList<string> tensors) =>
        tensors.ToDictionary(tensor => tensor, tensor => FeatureRows.Stack(partsInOrder.Select(p => p[tensor]).ToList(), tensor), StringComparer.Ordinal);

    public void Dispose()
    {
        lock (_gate)
        {
            _sessions.Dispose();
            _runOptions.Dispose();
            _feeder.Dispose();
        }
    }
}
