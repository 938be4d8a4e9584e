using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Onnx.Feeders;
using BBScore.Models.Preprocessing;
using BBScore.Numerics;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A TorchSharp network read through forward hooks, as the original reads PyTorch modules: layers
/// are <c>named_modules()</c> paths, a hook on each requested module copies its output (the first element
/// when a module returns several; a <c>ModuleList</c> is hooked on its last element). The network runs in
/// eval mode without gradients. An image network takes still images as one batch and clips frame by frame, every
/// output regrouped to (B, T, ...); a clip network (<see cref="TorchClipSpec"/>) takes each stimulus as one clip of
/// its frame count. A waveform network (<see cref="WaveformBatch"/>) takes sounds as (B, samples), as the ONNX waveform
/// feeder builds them, and its rank-3 outputs are averaged over time (<see cref="TimeMean"/>, spec §3.3).</summary>
public sealed class TorchSharpFeatureModel : IFeatureModel
{
    // Listing shapes needs one forward pass; the original's inputs are 224 after the centre crop.
    const int ProbeSize = 224;

    readonly nn.Module<Tensor, Tensor> _network;
    readonly IImagePreprocessor? _preprocessor;
    readonly TorchClipSpec? _clip;
    readonly WaveformBatch? _waveform;
    readonly Dictionary<string, nn.Module> _modules = new(StringComparer.Ordinal);
    readonly LayerTable _layers;
    readonly object _gate = new();
    IReadOnlyList<LayerInfo>? _listing;

    /// <param name="network">The network; this model owns and disposes it.</param>
    /// <param name="aliases">Other names of a module path (PyTorch's names where TorchSharp's differ).</param>
    /// <param name="clip">Set for a network that takes whole clips (B, T, C, H, W).</param>
    public TorchSharpFeatureModel(nn.Module<Tensor, Tensor> network, IImagePreprocessor preprocessor, ModelIdentity identity,
                                  Func<string, IReadOnlyList<string>>? aliases = null, TorchClipSpec? clip = null)
        : this(network, preprocessor, identity, aliases, clip, waveform: null) { }

    /// <summary>A network that takes sounds (B, samples), fed as <paramref name="waveform"/> says.</summary>
    public static TorchSharpFeatureModel ForWaveforms(nn.Module<Tensor, Tensor> network, WaveformBatch waveform, ModelIdentity identity,
                                                      Func<string, IReadOnlyList<string>>? aliases = null) =>
        new(network, null, identity, aliases, clip: null, waveform);

    TorchSharpFeatureModel(nn.Module<Tensor, Tensor> network, IImagePreprocessor? preprocessor, ModelIdentity identity,
                           Func<string, IReadOnlyList<string>>? aliases, TorchClipSpec? clip, WaveformBatch? waveform)
    {
        _clip = clip;
        _waveform = waveform;
        TorchRuntime.EnsureLoaded();
        _network = network;
        _network.eval();
        _preprocessor = preprocessor;
        Identity = identity;
        foreach (var (name, module) in network.named_modules())
            if (name.Length > 0) _modules[name] = module;
        aliases ??= _ => [];
        _layers = new LayerTable(_modules.Keys.Select(n => new LayerDefinition(n, aliases(n), n)).ToList(), new Dictionary<string, string>());
    }

    public ModelIdentity Identity { get; }

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    public IReadOnlyList<LayerInfo> ListLayers()
    {
        lock (_gate)
        {
            if (_listing != null) return _listing;
            var probe = _waveform is not null ? AudioBatch.Silence(_waveform.Rate)
                : new ImageStimulus(new RgbImage(ProbeSize, ProbeSize, Enumerable.Repeat((byte)128, ProbeSize * ProbeSize * 3).ToArray()));
            // Shapes only: copying every module's output of a large network would take gigabytes. A waveform network's are
            // the shapes after the time mean, as its features are.
            var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
            Run([probe], _modules.Keys.ToList(), (name, output) =>
            {
                int[] shape = output.shape.Select(d => checked((int)d)).ToArray();
                shapes[name] = (_waveform is null ? shape : TimeMean.Shape(shape))[1..];
            });
            _listing = _modules.Keys
                .Select(name => new LayerInfo(name, shapes.GetValueOrDefault(name), _layers.Resolve(name).Aliases, name))
                .ToList();
            return _listing;
        }
    }

    /// <summary>Results are keyed by the names as requested (as <see cref="Onnx.OnnxFeatureModel"/> does).</summary>
    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        // Zero padding would change a waveform network's output: sounds of different lengths run one at a time.
        if (_waveform is not null && batch.Count > 1 && !WaveformBatch.SameLength(batch))
        {
            var parts = batch.Select(stimulus => Extract([stimulus], layers)).ToList();
            return layers.Distinct(StringComparer.Ordinal)
                .ToDictionary(name => name, name => FeatureRows.Stack(parts.Select(p => p[name]).ToList(), name), StringComparer.Ordinal);
        }
        var resolved = layers.Select(name => (Name: name, Module: ResolveLayer(name))).ToList();
        lock (_gate)
        {
            var outputs = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
            var input = Input(batch);
            // Copied inside the hook: TorchVision's forward runs in a dispose scope that frees the output
            // afterwards. A module called twice in one pass keeps its last output (the networks built here
            // call each module once; the original would stack repeated calls along a new axis).
            Run(input, resolved.Select(r => r.Module).Distinct(StringComparer.Ordinal).ToList(),
                (name, output) =>
                {
                    var copied = Copy(output, input.FramesPerStimulus, _clip?.Fold, name);
                    outputs[name] = _waveform is null ? copied : TimeMean.Restore(copied);
                });
            var missing = resolved.Where(r => !outputs.ContainsKey(r.Module)).Select(r => r.Name).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"{Identity.Id}: the layers {string.Join(", ", missing)} produced no tensor output in the forward pass " +
                    "(a container whose children are called directly, or a module the forward never runs).");
            var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
            foreach (var (name, module) in resolved) result[name] = outputs[module];
            return result;
        }
    }

    void Run(IReadOnlyList<Stimulus> batch, IReadOnlyList<string> names, Action<string, Tensor> onOutput) =>
        Run(Input(batch), names, onOutput);

    ITorchInput Input(IReadOnlyList<Stimulus> batch) =>
        _waveform is not null ? new TorchWaveformInput(batch, _waveform)
        : _clip is null ? TorchImageInput.From(batch, _preprocessor!) : TorchImageInput.FromClips(batch, _preprocessor!, _clip);

    /// <summary>One forward pass with hooks on <paramref name="names"/> that hand each output to
    /// <paramref name="onOutput"/> (valid only during the call); modules that never produce a tensor are not reported.</summary>
    void Run(ITorchInput input, IReadOnlyList<string> names, Action<string, Tensor> onOutput)
    {
        var removers = new List<Action>();
        try
        {
            foreach (string name in names)
            {
                if (HookTarget(_modules[name]) is not { } target) continue;
                string layer = name;
                var handle = target.register_forward_hook((_, _, output) =>
                {
                    onOutput(layer, output);
                    return output;
                });
                removers.Add(handle.remove);
            }
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            _network.forward(input.ToTensor());
        }
        finally
        {
            foreach (var remove in removers) remove();
        }
    }

    /// <summary>The module a hook goes on: a <c>ModuleList</c> (which has no forward of its own) is hooked on
    /// its last element, as the original does; null when nothing there maps a tensor to a tensor.</summary>
    static nn.Module<Tensor, Tensor>? HookTarget(nn.Module module) => module switch
    {
        nn.Module<Tensor, Tensor> tensorModule => tensorModule,
        // ModuleList<T> for any module type T (IEnumerable<T> is covariant).
        IEnumerable<nn.Module> list when list.LastOrDefault() is { } last => HookTarget(last),
        _ => null,
    };

    /// <param name="framesPerStimulus">Frames of a clip run frame by frame: rows regrouped to (B, T, ...).</param>
    /// <param name="fold">A clip network's regrouping of its outputs, as its original does.</param>
    static FeatureTensor Copy(Tensor output, int? framesPerStimulus, TokenFold? fold, string layer)
    {
        using var values = output.detach().to(ScalarType.Float32).cpu().contiguous();
        int[] shape = values.shape.Select(d => checked((int)d)).ToArray();
        float[] data = values.data<float>().ToArray();
        if (framesPerStimulus is int frames) return new FeatureTensor(data, [shape[0] / frames, frames, .. shape[1..]]);
        return fold is null ? new FeatureTensor(data, shape) : fold.Apply(data, shape, layer);
    }

    public void Dispose() => _network.Dispose();
}
