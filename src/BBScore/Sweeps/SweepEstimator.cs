using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Features;
using BBScore.Models;
using BBScore.Pipeline.Preflight;
using BBScore.Progress;

namespace BBScore.Sweeps;

/// <summary>A group's estimated peak memory (the run's own preflight, <see cref="RunPreflight"/>), or why there is none.</summary>
public sealed record GroupEstimate(long? PeakMemoryBytes, string? Unknown)
{
    public string Describe() => PeakMemoryBytes is long peak ? RunPreflight.Format(peak) : "unknown (" + Unknown + ")";
}

/// <summary>Estimates what a group of a sweep holds at its peak, without running it: the model opened offline (its
/// layer shapes, no forward pass) and the benchmark's published size, or its local data when it has no published
/// size. Models and shapes are opened once per estimator; dispose it to close the models.</summary>
public sealed class SweepEstimator(DataHome home) : IDisposable
{
    readonly Dictionary<string, IFeatureModel?> _models = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _modelErrors = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, (int Train, int Test, long Targets, int Frames)?> _shapes = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _shapeErrors = new(StringComparer.Ordinal);
    readonly MachineResources _machine = MachineResources.Detect();

    /// <summary>The peak of one run over <paramref name="layers"/> × <paramref name="metrics"/> of
    /// <paramref name="model"/> on <paramref name="benchmark"/>.</summary>
    public GroupEstimate Estimate(string model, string benchmark, IReadOnlyList<string> layers, IReadOnlyList<string> metrics, SweepSettings settings)
    {
        var spec = BenchmarkCatalog.Resolve(benchmark);
        if (spec.Kind != BenchmarkKind.Offline) return new GroupEstimate(null, $"{spec.Kind} benchmarks are estimated by the run itself");
        if (Shape(spec) is not { } shape) return new GroupEstimate(null, _shapeErrors[spec.Name]);
        if (Model(model) is not { } opened) return new GroupEstimate(null, _modelErrors[model]);
        Dictionary<string, string> canonical;
        try
        {
            canonical = layers.Distinct().ToDictionary(l => l, opened.ResolveLayer);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or UnknownNameException)
        {
            return new GroupEstimate(null, e.Message);
        }
        var request = new PreflightRequest(shape.Train, shape.Test, shape.Targets, RunPreflight.Layers(opened, canonical, shape.Frames), metrics,
            LayerAggregation.Parse(settings.Aggregation), settings.RandomProjection is { } p ? RandomProjection.Parse(p) : null);
        var estimate = RunPreflight.Estimate(request, _machine, home.FeaturesDir, freeDiskBytes: long.MaxValue);
        return estimate.PeakMemoryBytes is long peak
            ? new GroupEstimate(peak, null)
            : new GroupEstimate(null, $"{model} does not report every layer's size");
    }

    IFeatureModel? Model(string key)
    {
        if (_models.TryGetValue(key, out var known)) return known;
        try
        {
            // Offline: planning never downloads; a hub model not fetched yet is estimated once it is.
            return _models[key] = ModelCatalog.Open(key, new ModelOpenOptions { Offline = true }, home.ModelsDir);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _modelErrors[key] = $"{key} cannot be opened offline: {FirstLine(e.Message)}";
            return _models[key] = null;
        }
    }

    (int Train, int Test, long Targets, int Frames)? Shape(BenchmarkSpec spec)
    {
        if (_shapes.TryGetValue(spec.Name, out var known)) return known;
        if (spec.Size is { } size) return _shapes[spec.Name] = RunPreflight.Shape(size);
        try
        {
            return _shapes[spec.Name] = RunPreflight.Shape(spec.LoadData(home, SilentProgress.Instance, offline: true));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _shapeErrors[spec.Name] = $"{spec.Name}'s size is known once its data are downloaded ('bbscore download {spec.Name}')";
            return _shapes[spec.Name] = null;
        }
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('.');

    public void Dispose()
    {
        foreach (var model in _models.Values) model?.Dispose();
        _models.Clear();
    }
}
