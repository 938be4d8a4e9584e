using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.WeightFree;

/// <summary>The original's <c>motion-energy</c> model (MotionEnergyLoader + MotionEnergyModule over
/// pymoten's default pyramid, see <see cref="MotionEnergyPyramid"/>). Frames are resized to the frame
/// size (Pillow bicubic, PIL's default in the original's <c>img.resize</c>), turned into CIE L*
/// (<see cref="Luminance"/>), and every filter's quadrature pair is applied in double precision:
/// spatial dot products per frame, then delays −c..W−1−c frames along time with zeros outside the
/// clip (c = ceil(W/2) − 1), sin = S_sin∗T_cos + S_cos∗T_sin, cos = S_cos∗T_cos − S_sin∗T_sin,
/// energy = log(sqrt(sin² + cos²) + 1e-5). One layer, (B, T, filters) for clips.</summary>
/// <remarks>The original takes clips only. Here an image is a still clip of one temporal filter width
/// (W frames) and its output is the one frame whose delays all fall inside that clip (frame W − 1 − c),
/// so an image gives (B, 1, filters): the steady response to a static frame. Clips are used at the
/// frame rate they arrive with; the filters assume <see cref="Fps"/>.</remarks>
public sealed class MotionEnergyModel : IFeatureModel
{
    public const string Key = "motion-energy";
    public const string LayerName = "energy";
    public const int DefaultFrameSize = 224;
    public const double DefaultFps = 25;
    const double Epsilon = 1e-5;

    readonly MotionEnergyPyramid _pyramid;
    readonly Lazy<Bank> _bank;
    // The original hooks its nn.Identity "projection" (the module output); "" is the root.
    static readonly string[] Aliases = ["projection", "", "motion_energy", "motion-energy"];
    readonly LayerTable _layers = new([new LayerDefinition(LayerName, Aliases, LayerName)], new Dictionary<string, string>());

    public MotionEnergyModel(int frameSize = DefaultFrameSize, double fps = DefaultFps)
    {
        _pyramid = new MotionEnergyPyramid(frameSize, frameSize, fps);
        _bank = new Lazy<Bank>(() => new Bank(_pyramid));
        string preprocessing = $"motion-energy: resize frames to {frameSize}x{frameSize} (Pillow bicubic), CIE L* (pymoten rgb2lab), " +
                               $"images as still clips of {_pyramid.TemporalWidth} frames";
        string parameters = $"motion-energy v1; pymoten default pyramid {frameSize}x{frameSize} fps {fps}: tf 0,2,4; sf 0,2,4,8,16,32; " +
                            $"directions 0..315/45; sf_gauss_ratio 0.6; max_spatial_env 0.3; spacing 3.5; tf_gauss_ratio 10; max_temp_env 0.3; " +
                            $"width {_pyramid.TemporalWidth}; mask 0.001; log(x + 1e-5); {preprocessing}";
        Identity = new ModelIdentity(Key, ParameterHash.Of(parameters), preprocessing);
    }

    public ModelIdentity Identity { get; }

    public double Fps => _pyramid.Fps;

    public MotionEnergyPyramid Pyramid => _pyramid;

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    public IReadOnlyList<LayerInfo> ListLayers() => [new LayerInfo(LayerName, [1, _pyramid.Filters.Count], Aliases, LayerName)];

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers)
    {
        if (batch.Count == 0) throw new ArgumentException("The batch is empty.", nameof(batch));
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        foreach (string name in layers) ResolveLayer(name);
        int filters = _pyramid.Filters.Count;
        List<float[]> rows;
        int frames;
        if (batch.All(s => s is VideoStimulus))
        {
            var clips = batch.Cast<VideoStimulus>().ToList();
            frames = clips[0].Frames.Count;
            if (clips.Any(c => c.Frames.Count != frames))
                throw new InvalidOperationException("The clips of one batch have different frame counts; motion-energy needs one count per batch.");
            rows = clips.Select(c => Energies(c.Frames.Select(LuminanceOf).ToList())).ToList();
        }
        else if (batch.All(s => s is ImageStimulus))
        {
            frames = 1;
            int keep = _pyramid.TemporalWidth - 1 - _pyramid.TemporalCentre;
            rows = batch.Cast<ImageStimulus>().Select(s =>
            {
                var still = LuminanceOf(s.Image);
                return Energies(Enumerable.Repeat(still, _pyramid.TemporalWidth).ToList()).AsSpan(keep * filters, filters).ToArray();
            }).ToList();
        }
        else throw new NotSupportedException($"{Key} takes clips (or images as still clips); this batch holds {StimulusBatch.KindsOf(batch)}.");

        var tensor = new FeatureTensor(rows.SelectMany(r => r).ToArray(), [batch.Count, frames, filters]);
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (string name in layers) result[name] = tensor;
        return result;
    }

    /// <summary>A frame as the model sees it: resized to the frame size, then L* per pixel.</summary>
    double[] LuminanceOf(RgbImage frame) =>
        Luminance.Of(PilImageResizer.Resize(frame, _pyramid.Width, _pyramid.Height, PilResampleFilter.Bicubic).Pixels);

    /// <summary>The (T, filters) log energies of one clip of luminance frames.</summary>
    public float[] Energies(IReadOnlyList<double[]> frames)
    {
        var bank = _bank.Value;
        int t = frames.Count, n = _pyramid.Filters.Count, width = _pyramid.Width;
        int w = _pyramid.TemporalWidth, centre = _pyramid.TemporalCentre;
        var output = new float[t * n];
        Parallel.For(0, n, f =>
        {
            var s = bank.Spatial[f];
            var (tSin, tCos) = bank.Temporal[f];
            var gSin = new double[t];
            var gCos = new double[t];
            for (int k = 0; k < t; k++)
            {
                double a = 0, b = 0;
                var frame = frames[k];
                for (int r = 0; r < s.Rows; r++)
                {
                    int pixel = (s.Row + r) * width + s.Column, at = r * s.Columns;
                    for (int c = 0; c < s.Columns; c++)
                    {
                        a += s.Sin[at + c] * frame[pixel + c];
                        b += s.Cos[at + c] * frame[pixel + c];
                    }
                }
                gSin[k] = a;
                gCos[k] = b;
            }
            for (int k = 0; k < t; k++)
            {
                double sin = 0, cos = 0;
                for (int j = 0; j < w; j++)
                {
                    int source = k - (j - centre); // tap j reads the frame j − centre frames earlier
                    if (source < 0 || source >= t) continue;
                    sin += gSin[source] * tCos[j] + gCos[source] * tSin[j];
                    cos += gCos[source] * tCos[j] - gSin[source] * tSin[j];
                }
                output[k * n + f] = (float)Math.Log(Math.Sqrt(sin * sin + cos * cos) + Epsilon);
            }
        });
        return output;
    }

    /// <summary>The filters of the pyramid, built once per model (the spatial windows are the bulk).</summary>
    sealed class Bank(MotionEnergyPyramid pyramid)
    {
        public SpatialPair[] Spatial { get; } = pyramid.Filters.AsParallel().AsOrdered().Select(pyramid.Spatial).ToArray();
        public (double[] Sin, double[] Cos)[] Temporal { get; } = pyramid.Filters.Select(pyramid.Temporal).ToArray();
    }

    public void Dispose() { }
}
