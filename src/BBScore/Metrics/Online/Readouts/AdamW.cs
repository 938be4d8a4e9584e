using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>torch.optim.AdamW as PyTorch 1.13 steps it on CPU (the single-tensor path; betas 0.9/0.999, eps 1e-8, no
/// amsgrad): for each parameter that has a gradient, p ← p·(1 − lr·wd); m ← 0.9m + 0.1g; v ← 0.999v + 0.001g²;
/// p ← p − lr/(1 − 0.9ᵗ) · m / (√v / √(1 − 0.999ᵗ) + eps), t counted per parameter. Parameters without a gradient
/// (frozen, or unused by the forward) are skipped, weight decay included. The learning rate is given per step, as a
/// scheduler leaves it in the param group.</summary>
public sealed class AdamW : IDisposable
{
    public const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;

    readonly IReadOnlyList<Tensor> _parameters;
    readonly Dictionary<int, (Tensor ExpAvg, Tensor ExpAvgSq, int Steps)> _state = [];

    public AdamW(IReadOnlyList<Tensor> parameters, double weightDecay)
    {
        _parameters = parameters;
        WeightDecay = weightDecay;
    }

    public double WeightDecay { get; }

    public void Step(double lr)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Count; i++)
        {
            var param = _parameters[i];
            var grad = param.grad;
            if (grad is null || grad.IsInvalid) continue;
            if (!_state.TryGetValue(i, out var s)) s = (zeros_like(param).DetachFromDisposeScope(), zeros_like(param).DetachFromDisposeScope(), 0);
            int step = s.Steps + 1;
            _state[i] = (s.ExpAvg, s.ExpAvgSq, step);
            param.mul_(1 - lr * WeightDecay);
            s.ExpAvg.mul_(Beta1).add_(grad, alpha: 1 - Beta1);
            s.ExpAvgSq.mul_(Beta2).addcmul_(grad, grad, value: 1 - Beta2);
            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step));
            using var denominator = (s.ExpAvgSq.sqrt() / biasCorrection2Sqrt).add_(Eps);
            param.addcdiv_(s.ExpAvg, denominator, value: -(lr / biasCorrection1));
        }
    }

    public void Dispose()
    {
        foreach (var (m, v, _) in _state.Values)
        {
            m.Dispose();
            v.Dispose();
        }
        _state.Clear();
    }
}
