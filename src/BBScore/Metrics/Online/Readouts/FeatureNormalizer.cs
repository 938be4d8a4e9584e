using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's FeatureNormalizer (metrics/base_online.py; spec §1.15), applied to the features before the
/// read-out and never given to the optimizer. Inputs are nan_to_num'ed first (NaN → 0, ±inf → ±1e6). Kinds:
/// <c>layer_norm</c> (LayerNorm over the last axis, eps 1e-8, affine 1/0 and untrained); <c>batch_norm</c>
/// (BatchNorm1d, eps 1e-8, momentum 0.1, over (…, D) rows; batch statistics and running updates in train mode, running
/// statistics in eval); <c>running_stats</c> (train: batch mean and biased variance over axis 0, the first batch
/// replacing the running values and later ones mixed in at 0.1; eval: the running values; denominator √var + 1e-8);
/// <c>robust_zscore</c> (train: median and MAD over axis 0 (the lower middle value for even counts, as torch.median),
/// running values mixed in at 0.1 from 0 and 1; (x − median)/(1.4826·MAD + 1e-8)); <c>cosine</c> (x / max(‖x‖, 1e-8)
/// over the last axis); <c>unit_norm</c> (x / (‖x‖ + 1e-8)); <c>batch_zscore</c> ((x − mean)/(unbiased std + 1e-8) over
/// axis 0, no state; the original's constructor refuses this name, so only its forward defines it); <c>none</c> (the
/// original builds no normaliser, so the features pass untouched, NaN and inf included). State keys are PyTorch's
/// state_dict names.</summary>
public sealed class FeatureNormalizer : IDisposable
{
    public const double Momentum = 0.1;

    public static IReadOnlyList<string> Kinds { get; } =
        ["layer_norm", "batch_norm", "running_stats", "robust_zscore", "unit_norm", "cosine", "batch_zscore", "none"];

    readonly Dictionary<string, Tensor> _state = [];

    public FeatureNormalizer(string kind, int featureDim, Device? device = null)
    {
        if (!Kinds.Contains(kind))
            throw new ArgumentException($"Unknown feature normalization '{kind}'; choose one of {string.Join(", ", Kinds)}.", nameof(kind));
        Kind = kind;
        device ??= CPU;
        switch (kind)
        {
            case "layer_norm":
                _state["norm.weight"] = ones(featureDim, device: device);
                _state["norm.bias"] = zeros(featureDim, device: device);
                break;
            case "batch_norm":
                _state["norm.weight"] = ones(featureDim, device: device);
                _state["norm.bias"] = zeros(featureDim, device: device);
                _state["norm.running_mean"] = zeros(featureDim, device: device);
                _state["norm.running_var"] = ones(featureDim, device: device);
                _state["norm.num_batches_tracked"] = tensor(0L, device: device);
                break;
            case "running_stats":
                _state["running_mean"] = zeros(featureDim, device: device);
                _state["running_var"] = ones(featureDim, device: device);
                _state["num_batches_tracked"] = tensor(0L, device: device);
                break;
            case "robust_zscore":
                _state["running_median"] = zeros(featureDim, device: device);
                _state["running_mad"] = ones(featureDim, device: device);
                break;
        }
    }

    public string Kind { get; }

    /// <summary>PyTorch's <c>training</c> flag of the normaliser: the original sets it once per (lr, wd) run and its
    /// validation turns it off without turning it back on.</summary>
    public bool Training { get; set; } = true;

    /// <summary>The buffers and (untrained) affine parameters by PyTorch state_dict name; shapes follow the original,
    /// so running_stats and robust_zscore fed (B, T, D) hold (T, D) running values.</summary>
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <summary>Replaces one state tensor (copied), e.g. to restore a snapshot.</summary>
    public void Load(string name, Tensor value)
    {
        if (!_state.TryGetValue(name, out var old)) throw new ArgumentException($"The {Kind} normaliser has no state '{name}'.", nameof(name));
        _state[name] = value.detach().clone().to(old.dtype, old.device);
        old.Dispose();
    }

    public Tensor Forward(Tensor input)
    {
        if (input.numel() == 0 || Kind == "none") return input.alias();
        using var scope = NewDisposeScope();
        var x = nan_to_num(input, 0.0, 1e6, -1e6);
        return (Kind switch
        {
            "layer_norm" => nn.functional.layer_norm(x, [x.shape[^1]], _state["norm.weight"], _state["norm.bias"], 1e-8),
            "batch_norm" => BatchNorm(x),
            "running_stats" => RunningStats(x),
            "robust_zscore" => RobustZScore(x),
            "cosine" => x / x.norm(-1, true).clamp_min(1e-8),
            "unit_norm" => x / (x.norm(-1, true) + 1e-8),
            "batch_zscore" => (x - x.mean([0], true)) / (x.std(0, true, true) + 1e-8),
            _ => x,
        }).MoveToOuterDisposeScope();
    }

    Tensor BatchNorm(Tensor x)
    {
        var rows = x.view(-1, x.shape[^1]);
        if (Training) _state["norm.num_batches_tracked"].add_(1);
        var y = nn.functional.batch_norm(rows, _state["norm.running_mean"], _state["norm.running_var"], _state["norm.weight"], _state["norm.bias"],
            Training, Momentum, 1e-8);
        return y.view(x.shape);
    }

    Tensor RunningStats(Tensor x)
    {
        if (!Training) return (x - _state["running_mean"]) / (_state["running_var"].sqrt() + 1e-8);
        var mean = x.mean([0], true);
        var variance = x.var(0, false, true);
        bool first = _state["num_batches_tracked"].item<long>() == 0;
        Replace("running_mean", first ? mean.squeeze(0) : (1 - Momentum) * _state["running_mean"] + Momentum * mean.squeeze(0));
        Replace("running_var", first ? variance.squeeze(0) : (1 - Momentum) * _state["running_var"] + Momentum * variance.squeeze(0));
        _state["num_batches_tracked"].add_(1);
        return (x - mean) / (variance.sqrt() + 1e-8);
    }

    Tensor RobustZScore(Tensor x)
    {
        if (!Training) return (x - _state["running_median"]) / (_state["running_mad"] * 1.4826 + 1e-8);
        var median = LowerMedian(x);
        var mad = LowerMedian((x - median).abs());
        Replace("running_median", (1 - Momentum) * _state["running_median"] + Momentum * median.squeeze(0));
        Replace("running_mad", (1 - Momentum) * _state["running_mad"] + Momentum * mad.squeeze(0));
        return (x - median) / (mad * 1.4826 + 1e-8);
    }

    /// <summary>torch.median(x, dim=0, keepdim=True).values: the lower of the two middle values for an even count.</summary>
    static Tensor LowerMedian(Tensor x) => x.kthvalue((x.shape[0] - 1) / 2 + 1, 0, true).values;

    void Replace(string name, Tensor value)
    {
        var old = _state[name];
        _state[name] = value.detach().DetachFromDisposeScope();
        old.Dispose();
    }

    public void Dispose()
    {
        foreach (var t in _state.Values) t.Dispose();
        _state.Clear();
    }
}
