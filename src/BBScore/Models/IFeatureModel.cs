using BBScore.Features;
using BBScore.Stimuli;

namespace BBScore.Models;

/// <summary>A network whose layer activations can be read. One instance holds an inference session;
/// dispose it to free native memory.</summary>
public interface IFeatureModel : IDisposable
{
    /// <summary>Identity and everything that changes the numbers (weights hash, preprocessing).</summary>
    ModelIdentity Identity { get; }

    /// <summary>Resolves a user-typed layer name (module path, alias, or raw tensor name) to the
    /// canonical layer name; throws <see cref="UnknownNameException"/> with close matches otherwise.</summary>
    string ResolveLayer(string userName);

    /// <summary>Every module path (nested ones too) with its output shape for one stimulus.</summary>
    IReadOnlyList<LayerInfo> ListLayers();

    /// <summary>Runs one batch and returns the activations of the given layers, each with the batch as
    /// first axis (unflattened). A stimulus kind the model cannot take raises <see cref="NotSupportedException"/>
    /// naming the kinds it takes.</summary>
    IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers);

    /// <summary>How many of <see cref="ListLayers"/>' per-stimulus shapes one clip of <paramref name="frames"/> frames
    /// yields: one per frame for models that run a clip frame by frame (image models, as the original runs static
    /// models on video), one for models that take the clip whole.</summary>
    int OutputsPerClip(int frames) => frames;

    /// <summary>The seconds of sound the model takes as one input when that is fixed (a Whisper encoder: 30 s); null for
    /// models that take a sound of any length. TR-level audio benchmarks then give it the window of that length ending at
    /// each TR, as the original does for models with an <c>audio_context_duration</c>.</summary>
    double? AudioContextSeconds => null;
}

public static class FeatureModelExtensions
{
    /// <summary>Runs a batch of still images (see <see cref="IFeatureModel.Extract"/>).</summary>
    public static IReadOnlyDictionary<string, FeatureTensor> Extract(this IFeatureModel model, IReadOnlyList<RgbImage> images, IReadOnlyList<string> layers) =>
        model.Extract(images.Select(Stimulus (image) => new ImageStimulus(image)).ToList(), layers);
}

/// <param name="Name">Canonical module path, e.g. <c>resnet.encoder.stages.3</c>.</param>
/// <param name="Shape">Output shape for one stimulus (without the batch axis); null when unknown.</param>
/// <param name="Aliases">Other names that resolve to it (e.g. <c>layer4</c>).</param>
/// <param name="Tensor">The graph tensor that carries the output.</param>
public sealed record LayerInfo(string Name, int[]? Shape, IReadOnlyList<string> Aliases, string Tensor);

/// <param name="Id">The user-facing model key or file path.</param>
/// <param name="WeightsHash">SHA-256 of the weights file(s).</param>
/// <param name="Preprocessing">Human-readable, complete description of the input preprocessing; part of the cache key.</param>
public sealed record ModelIdentity(string Id, string WeightsHash, string Preprocessing);
