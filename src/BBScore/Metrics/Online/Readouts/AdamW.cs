using TorchSharp;
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

    /// <remarks>Every number reaches libtorch as a Scalar held until the step ends (see <see cref="Numerics.HeldScalars"/>:
    /// a temporary one can be finalised while libtorch reads it).</remarks>
    public void Step(double lr)
    {
        using var noGrad = no_grad();
        using var decay = (1 - lr * WeightDecay).ToScalar();
        using var beta1 = Beta1.ToScalar();
        using var gradWeight1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var gradWeight2 = (1 - Beta2).ToScalar();
        using var eps = Eps.ToScalar();
        for (int i = 0; i < _parameters.Count; i++)
        {
            var param = _parameters[i];
            var grad = param.grad;
            if (grad is null || grad.IsInvalid) continue;
            if (!_state.TryGetValue(i, out var s)) s = (zeros_like(param).DetachFromDisposeScope(), zeros_like(param).DetachFromDisposeScope(), 0);
            int step = s.Steps + 1;
            _state[i] = (s.ExpAvg, s.ExpAvgSq, step);
            param.mul_(decay);
            s.ExpAvg.mul_(beta1).add_(grad, gradWeight1);
            s.ExpAvgSq.mul_(beta2).addcmul_(grad, grad, gradWeight2);
            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            using var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step)).ToScalar();
            using var stepSize = (-(lr / biasCorrection1)).ToScalar();
            using var denominator = s.ExpAvgSq.sqrt().div_(biasCorrection2Sqrt).add_(eps);
            param.addcdiv_(s.ExpAvg, denominator, stepSize);
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
