using BBScore.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>One online classifier's read-out and its training step as the original takes it (spec §1.15;
/// metrics/base_online.py train_and_evaluate without mixed precision): features → <see cref="FeatureNormalizer"/> →
/// read-out → logits clamped to [−10, 10] → BCEWithLogits on one logit (2 classes) or CrossEntropy (more) →
/// nan_to_num and clamp to [−10, 10] → backward → gradients clipped to total norm 1 → <see cref="AdamW"/> at the
/// step's learning rate. Predictions use unclamped logits in eval mode: sigmoid &gt; 0.5 (binary), else argmax. float32.
/// Parameter names are PyTorch's state_dict names of the read-out; the normaliser's carry the prefix "normalizer.".</summary>
public sealed class ClassifierReadout : IDisposable
{
    public const double LogitClamp = 10, LossClamp = 10, GradientClipNorm = 1.0;
    const string NormalizerPrefix = "normalizer.";
    const string PositionalTable = "positional_encoder.pe";

    readonly nn.Module<Tensor, Tensor> _model;
    readonly FeatureNormalizer _normalizer;
    readonly AdamW _optimizer;
    readonly Device _device;

    ClassifierReadout(nn.Module<Tensor, Tensor> model, FeatureNormalizer normalizer, AdamW optimizer, Device device, int inputDim, int timeSteps, int classes)
    {
        _model = model;
        _normalizer = normalizer;
        _optimizer = optimizer;
        _device = device;
        InputDim = inputDim;
        TimeSteps = timeSteps;
        NumClasses = classes;
    }

    /// <param name="kind">linear, attention or transformer (<see cref="ReadoutModels.Kinds"/>).</param>
    /// <param name="inputDim">D, the feature width per time step.</param>
    /// <param name="timeSteps">0 for (B, D) features, T ≥ 1 for (B, T, D) ones.</param>
    public static ClassifierReadout Create(string kind, int inputDim, int timeSteps, int numClasses, ReadoutSettings settings)
    {
        TorchRuntime.EnsureLoaded();
        if (numClasses < 2) throw new ArgumentException($"num_classes must be >= 2 for classification, got {numClasses}.", nameof(numClasses));
        if (!ReadoutModels.Kinds.Contains(kind))
            throw new ArgumentException($"Unknown read-out model '{kind}'; choose one of {string.Join(", ", ReadoutModels.Kinds)}.", nameof(kind));
        var normalizer = new FeatureNormalizer(settings.Normalizer, inputDim); // refuses an unknown kind before any model is built
        var device = OnlineDevice.Resolve(settings.Device); // cuda:N only when libtorch has CUDA, else refused with the fix
        using var generator = new Generator((ulong)settings.Seed);
        var model = ReadoutModels.Create(kind, inputDim, timeSteps, numClasses == 2 ? 1 : numClasses, settings, generator);
        if (device.type != DeviceType.CPU)
        {
            model.to(device);
            var moved = new FeatureNormalizer(settings.Normalizer, inputDim, device);
            normalizer.Dispose();
            normalizer = moved;
        }
        var optimizer = new AdamW(model.parameters().Cast<Tensor>().ToList(), settings.WeightDecay);
        return new ClassifierReadout(model, normalizer, optimizer, device, inputDim, timeSteps, numClasses);
    }

    public int InputDim { get; }

    public int TimeSteps { get; }

    public int NumClasses { get; }

    /// <summary>The normaliser's train/eval flag. <see cref="Predict"/> turns it off and leaves it off, as the original's
    /// validation does (it sets the normaliser to train mode only at the start of each (lr, wd) run).</summary>
    public bool NormalizerTraining { get => _normalizer.Training; set => _normalizer.Training = value; }

    /// <summary>One training step on <paramref name="rows"/> rows of (T·)D floats; returns the (stabilised) loss.</summary>
    public double TrainStep(ReadOnlySpan<float> x, int rows, ReadOnlySpan<int> labels, double lr)
    {
        if (labels.Length != rows) throw new ArgumentException($"{labels.Length} labels for {rows} rows.", nameof(labels));
        using var scope = NewDisposeScope();
        _model.train();
        foreach (var p in _model.parameters()) p.grad?.zero_();
        var outputs = _model.call(_normalizer.Forward(Features(x, rows))).clamp(-LogitClamp, LogitClamp);
        var loss = NumClasses == 2
            ? nn.functional.binary_cross_entropy_with_logits(outputs, tensor(labels.ToArray().Select(l => (float)l).ToArray(), [rows, 1]).to(_device))
            : nn.functional.cross_entropy(outputs, tensor(labels.ToArray().Select(l => (long)l).ToArray(), [rows]).to(_device));
        loss = nan_to_num(loss, 0.0, 1e6, -1e6).clamp(-LossClamp, LossClamp);
        loss.backward();
        ClipGradients();
        _optimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>Class indices for <paramref name="rows"/> rows, model and normaliser in eval mode, no gradient.</summary>
    public int[] Predict(ReadOnlySpan<float> x, int rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.eval();
        _normalizer.Training = false;
        var logits = _model.call(_normalizer.Forward(Features(x, rows)));
        var classes = NumClasses == 2 ? sigmoid(logits).gt(0.5).view(-1) : logits.argmax(1);
        return classes.to_type(ScalarType.Int32).cpu().data<int>().ToArray();
    }

    /// <summary>Every read-out parameter and buffer (the positional-encoding table left out) and the normaliser's state,
    /// by PyTorch state_dict name, flattened row-major.</summary>
    public IReadOnlyDictionary<string, float[]> GetParameters()
    {
        var result = new Dictionary<string, float[]>();
        foreach (var (name, t) in NamedTensors()) result[name] = t.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        return result;
    }

    /// <summary>Sets the named tensors (any subset) from row-major values, e.g. PyTorch's initial state_dict.</summary>
    public void SetParameters(IReadOnlyDictionary<string, float[]> values)
    {
        var known = NamedTensors().ToDictionary(p => p.Name, p => p.Tensor);
        using var noGrad = no_grad();
        foreach (var (name, data) in values)
        {
            if (!known.TryGetValue(name, out var target))
                throw new ArgumentException($"No parameter '{name}'; known: {string.Join(", ", known.Keys)}.", nameof(values));
            if (data.Length != target.numel()) throw new ArgumentException($"'{name}' holds {target.numel()} values, {data.Length} given.", nameof(values));
            using var source = tensor(data, target.shape);
            if (name.StartsWith(NormalizerPrefix, StringComparison.Ordinal)) _normalizer.Load(name[NormalizerPrefix.Length..], source);
            else target.copy_(source);
        }
    }

    /// <summary>A copy of the read-out's parameters and buffers and of the normaliser's state.</summary>
    public ReadoutSnapshot Snapshot() => new(NamedTensors().ToDictionary(p => p.Name, p => p.Tensor.detach().clone().DetachFromDisposeScope()));

    /// <summary>Puts the read-out (and, with <paramref name="normalizer"/>, the normaliser) back to a snapshot; the
    /// original's best-epoch reload restores the model's state_dict only.</summary>
    public void Restore(ReadoutSnapshot snapshot, bool normalizer = false)
    {
        var known = NamedTensors().ToDictionary(p => p.Name, p => p.Tensor);
        using var noGrad = no_grad();
        foreach (var (name, value) in snapshot.Tensors)
        {
            if (name.StartsWith(NormalizerPrefix, StringComparison.Ordinal))
            {
                if (normalizer) _normalizer.Load(name[NormalizerPrefix.Length..], value);
            }
            else known[name].copy_(value);
        }
    }

    IEnumerable<(string Name, Tensor Tensor)> NamedTensors()
    {
        foreach (var (name, p) in _model.named_parameters()) yield return (name, p);
        foreach (var (name, b) in _model.named_buffers())
            if (name != PositionalTable && !name.EndsWith("." + PositionalTable, StringComparison.Ordinal)) yield return (name, b);
        foreach (var (name, t) in _normalizer.State) yield return (NormalizerPrefix + name, t);
    }

    Tensor Features(ReadOnlySpan<float> x, int rows)
    {
        long[] shape = TimeSteps == 0 ? [rows, InputDim] : [rows, TimeSteps, InputDim];
        if (x.Length != shape.Aggregate(1L, (a, b) => a * b)) throw new ArgumentException($"{x.Length} floats for shape ({string.Join(", ", shape)}).", nameof(x));
        return tensor(x.ToArray(), shape).to(_device);
    }

    /// <summary>torch.nn.utils.clip_grad_norm_(max_norm 1): the 2-norm of the per-parameter gradient norms; every
    /// gradient scaled by min(1, 1 / (norm + 1e-6)). Parameters without a gradient are left out.</summary>
    void ClipGradients()
    {
        using var noGrad = no_grad();
        var grads = _model.parameters().Select(p => p.grad).Where(g => g is not null && !g.IsInvalid).Cast<Tensor>().ToList();
        if (grads.Count == 0) return;
        var norm = stack(grads.Select(g => g.norm()).ToArray()).norm();
        var coefficient = (GradientClipNorm / (norm + 1e-6)).clamp_max(1.0);
        foreach (var g in grads) g.mul_(coefficient);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _normalizer.Dispose();
    }
}

/// <summary>A copy of a <see cref="ClassifierReadout"/>'s named tensors (read-out and normaliser).</summary>
public sealed class ReadoutSnapshot(IReadOnlyDictionary<string, Tensor> tensors) : IDisposable
{
    public IReadOnlyDictionary<string, Tensor> Tensors { get; } = tensors;

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
