using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.WeightFree;

/// <summary>The original's <c>hmax</c> model: resize 64×64, IN-norm, mean over RGB, then S1 (16 scales ×
/// 4 orientations), C1 (8 bands), S2 (Gaussian RBF to each patch of each patch scale, on every band) and
/// C2 (max over bands and positions). Layers are the original's list-valued hook points: each list is
/// cropped to the element-wise minimum shape and stacked on axis 1 (spec §4), per stimulus:
/// <c>s1_out</c> (16, 4, 64, 64), <c>c1_out</c> (8, 4, 6, 6), <c>s2_out</c> (S·8, N, 7, 7) and
/// <c>c2_out</c> (S, N) for S patch scales of N patches. Clips run frame by frame into (B, T, ...).</summary>
/// <remarks><c>s2_out</c> is a list of lists in the original (patch scale, then band), which its crop rule
/// does not handle; here it is flattened in that order before cropping. The resize is Pillow's bilinear
/// (the original: torchvision's antialiased bilinear).</remarks>
public sealed class HmaxModel : IFeatureModel
{
    public const string Key = "hmax";
    const int Side = 64;

    static readonly ImagePreprocessSpec Spec = new(
        "hmax (original: torchvision v2 Resize((64, 64), antialias=True), ToDtype(scale=True), Normalize; then mean over RGB)",
        new ResizeToSize(Side, Side), PilResampleFilter.Bilinear, null, 1.0 / 255.0,
        ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    static readonly (string Name, string[] Aliases)[] LayerNames =
    [
        ("s1_out", ["s1"]), ("c1_out", ["c1"]), ("s2_out", ["s2"]), ("c2_out", ["c2", ""]),
    ];

    readonly NormalizingImagePreprocessor _preprocessor = new(Spec);
    readonly HmaxNetwork _network = new();
    readonly LayerTable _layers = new(LayerNames.Select(l => new LayerDefinition(l.Name, l.Aliases, l.Name)).ToList(),
        new Dictionary<string, string>());

    public HmaxModel(HmaxPatchSet? patches = null)
    {
        Patches = patches ?? SeededPatches.Value;
        string parameters = $"hmax v1; S1 sizes {string.Join(",", HmaxGabor.Sizes)}; wavelengths {string.Join(",", HmaxGabor.Wavelengths)}; " +
                            $"orientations {string.Join(",", HmaxGabor.Orientations)}; gamma 0.3; sigma 0.8 lambda; C1 pools 8..22 stride k/2; " +
                            $"S2 gaussian sigma 1; {Patches.Description}; {_preprocessor.Description}";
        Identity = new ModelIdentity(Key, ParameterHash.Of(parameters, Patches.FilePath), _preprocessor.Description + "; " + Patches.Description);
    }

    /// <summary>The seeded stand-in patch set, built once per process (it runs the model on noise images).</summary>
    static readonly Lazy<HmaxPatchSet> SeededPatches = new(() =>
    {
        var network = new HmaxNetwork();
        var preprocessor = new NormalizingImagePreprocessor(Spec);
        return HmaxPatchSet.Seeded(image => HmaxNetwork.C1(network.S1(Grey(preprocessor, image), Side), Side));
    });

    public HmaxPatchSet Patches { get; }

    public ModelIdentity Identity { get; }

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    public IReadOnlyList<LayerInfo> ListLayers()
    {
        int scales = Patches.Scales.Count, count = Patches.Scales.Count == 0 ? 0 : Patches.Scales[0].Count;
        int c1Side = Enumerable.Range(0, HmaxNetwork.Bands).Min(b => C1Side(b));
        int s2Side = Patches.Scales.Min(s => Enumerable.Range(0, HmaxNetwork.Bands).Min(b => C1Side(b) + 2 * (s.Size / 2) - s.Size + 1));
        int[][] shapes = [[16, 4, Side, Side], [HmaxNetwork.Bands, 4, c1Side, c1Side], [scales * HmaxNetwork.Bands, count, s2Side, s2Side], [scales, count]];
        return LayerNames.Select((l, i) => new LayerInfo(l.Name, shapes[i], l.Aliases, l.Name)).ToList();
    }

    static int C1Side(int band)
    {
        int k = HmaxNetwork.PoolSize(band);
        return (Side + 2 * (k / 2) - k) / (k / 2) + 1;
    }

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        var wanted = layers.Select(ResolveLayer).ToHashSet(StringComparer.Ordinal);
        if (Patches.Scales.Select(s => s.Count).Distinct().Count() > 1 && (wanted.Contains("s2_out") || wanted.Contains("c2_out")))
            throw new NotSupportedException("The patch scales hold different patch counts; s2_out/c2_out need one count to stack.");
        var (frames, perStimulus) = FrameBatch.Flatten(batch, Key);
        var perFrame = new Dictionary<string, (float[] Data, int[] Shape)>[frames.Count];
        for (int f = 0; f < frames.Count; f++) perFrame[f] = Run(Grey(_preprocessor, frames[f]), wanted);

        var byLayer = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (string layer in wanted)
        {
            int[] shape = perFrame[0][layer].Shape;
            int per = perFrame[0][layer].Data.Length;
            var data = new float[frames.Count * per];
            for (int f = 0; f < frames.Count; f++) perFrame[f][layer].Data.CopyTo(data, f * per);
            byLayer[layer] = new FeatureTensor(data, FrameBatch.Shape(frames.Count, perStimulus, shape));
        }
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (string name in layers) result[name] = byLayer[ResolveLayer(name)]; // keyed as typed
        return result;
    }

    /// <summary>Runs one grey frame up to the deepest layer asked for.</summary>
    Dictionary<string, (float[] Data, int[] Shape)> Run(float[] grey, IReadOnlySet<string> wanted)
    {
        var outputs = new Dictionary<string, (float[], int[])>(StringComparer.Ordinal);
        var s1 = _network.S1(grey, Side);
        if (wanted.Contains("s1_out")) outputs["s1_out"] = TensorListStack.CropAndStack(s1.Select(m => (m, new[] { 4, Side, Side })).ToList());
        if (!wanted.Overlaps(["c1_out", "s2_out", "c2_out"])) return outputs;
        var c1 = HmaxNetwork.C1(s1, Side);
        if (wanted.Contains("c1_out")) outputs["c1_out"] = TensorListStack.CropAndStack(c1.Select(m => (m.Map, new[] { 4, m.Side, m.Side })).ToList());
        if (!wanted.Overlaps(["s2_out", "c2_out"])) return outputs;
        var s2 = Patches.Scales.Select(scale => HmaxNetwork.S2(c1, scale)).ToList();
        if (wanted.Contains("s2_out"))
            outputs["s2_out"] = TensorListStack.CropAndStack(s2.SelectMany((bands, i) => bands.Select(m => (m.Map, new[] { Patches.Scales[i].Count, m.Side, m.Side }))).ToList());
        if (wanted.Contains("c2_out"))
            outputs["c2_out"] = TensorListStack.CropAndStack(s2.Select((bands, i) => (HmaxNetwork.C2(bands, Patches.Scales[i].Count), new[] { Patches.Scales[i].Count })).ToList());
        return outputs;
    }

    /// <summary>The model input: the preprocessed image averaged over its three channels (float32, as torch).</summary>
    static float[] Grey(NormalizingImagePreprocessor preprocessor, RgbImage image)
    {
        int plane = Side * Side;
        var rgb = new float[3 * plane];
        preprocessor.Write(image, rgb);
        var grey = new float[plane];
        for (int i = 0; i < plane; i++) grey[i] = (rgb[i] + rgb[plane + i] + rgb[2 * plane + i]) / 3f;
        return grey;
    }

    public void Dispose() { }
}
