using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.WeightFree;

/// <summary>The original's <c>pixel</c> baseline: the preprocessed input itself (an <c>nn.Identity</c>
/// module named <c>identity_layer</c>). Images become (B, 3, 256, 256); clips are run frame by frame
/// into (B, T, 3, 256, 256).</summary>
/// <remarks>The original resizes with torchvision's antialiased bilinear <c>v2.Resize</c> on uint8 images;
/// this port uses Pillow's bilinear resize (the reference torchvision's antialias mode follows).</remarks>
public sealed class PixelModel : IFeatureModel
{
    public const string Key = "pixel";
    public const string LayerName = "identity_layer";
    const int Size = 256;

    static readonly ImagePreprocessSpec Spec = new(
        "pixel (original: torchvision v2 Resize((256, 256), antialias=True), ToDtype(scale=True), Normalize)",
        new ResizeToSize(Size, Size), PilResampleFilter.Bilinear, null, 1.0 / 255.0,
        ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    readonly NormalizingImagePreprocessor _preprocessor = new(Spec);
    // The original hooks nn.Identity ("identity_layer"); the root module "" and plain words name the same output.
    readonly LayerTable _layers = new([new LayerDefinition(LayerName, ["", "pixels", "pixel", "input"], LayerName)],
        new Dictionary<string, string>());

    public PixelModel()
    {
        Identity = new ModelIdentity(Key, ParameterHash.Of("pixel identity v1; " + _preprocessor.Description), _preprocessor.Description);
    }

    public ModelIdentity Identity { get; }

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    public IReadOnlyList<LayerInfo> ListLayers() =>
        [new LayerInfo(LayerName, [3, Size, Size], ["", "pixels", "pixel", "input"], LayerName)];

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        foreach (string name in layers) ResolveLayer(name); // unknown names fail before any work
        var (frames, perStimulus) = FrameBatch.Flatten(batch, Key);
        int per = 3 * Size * Size;
        var data = new float[frames.Count * per];
        PreprocessedImages.WriteAll(frames, _preprocessor, data, per);
        var tensor = new FeatureTensor(data, FrameBatch.Shape(frames.Count, perStimulus, [3, Size, Size]));
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (string name in layers) result[name] = tensor; // keyed by the names as typed, like the ONNX models
        return result;
    }

    public void Dispose() { }
}
