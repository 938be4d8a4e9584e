using BBScore.Features;
using BBScore.Stimuli;

namespace BBScore.Models.Hub;

/// <summary>A hub model: the ONNX model it runs, with the repository commit its files came from added to its
/// identity. The description (<see cref="ModelIdentity.Preprocessing"/>) is the part of the identity that both the
/// feature-cache key and the stored result carry, so features of two commits never share a cache entry (even when
/// the graphs are byte-identical) and every result, and <c>bbscore layers</c>, says which commit produced it.</summary>
public sealed class HubFeatureModel(IPreparingFeatureModel model, HubModelFiles files) : IPreparingFeatureModel
{
    public ModelIdentity Identity { get; } = model.Identity with { Preprocessing = $"{model.Identity.Preprocessing}; weights: hub {files.Provenance}" };

    /// <summary>Where the files came from: the repository, revision and whether it is a pinned commit.</summary>
    public HubModelFiles Files => files;

    public string ResolveLayer(string userName) => model.ResolveLayer(userName);

    public IReadOnlyList<LayerInfo> ListLayers() => model.ListLayers();

    public int OutputsPerClip(int frames) => model.OutputsPerClip(frames);

    public double? AudioContextSeconds => model.AudioContextSeconds;

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers) =>
        model.Extract(batch, layers);

    public IPreparedBatch Prepare(IReadOnlyList<Stimulus> batch) => model.Prepare(batch);

    public bool InferenceUsesEveryCore => model.InferenceUsesEveryCore;

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IPreparedBatch batch, IReadOnlyList<string> layers) =>
        model.Extract(batch, layers);

    public void Dispose() => model.Dispose();
}
