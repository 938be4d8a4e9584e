using BBScore.Numerics;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online;

/// <summary>The online regressor's losses (spec §1.18 step 5, the original's metrics/losses.py) on (batch, outputs)
/// tensors: <c>mse</c>; <c>correlation</c>, minus the mean over outputs of Pearson r over the batch (norm product
/// clamped at 1e-6); <c>ccc</c>, 1 − the mean concordance correlation (unbiased variances, biased covariance, 1e-8 in
/// the denominator); <c>ccc_mse</c> and <c>combined</c>, MSE mixed with the ccc or correlation loss at weight w. Numbers
/// reach libtorch through <see cref="HeldScalars"/>.</summary>
public static class RegressionLosses
{
    public static IReadOnlyList<string> Names { get; } = ["mse", "correlation", "ccc", "ccc_mse", "combined"];

    /// <param name="weight">The correlation weight of the mixed losses (the original's 0.5).</param>
    public static Func<Tensor, Tensor, Tensor> Create(string name, double weight = 0.5) => name switch
    {
        "mse" => Mse,
        "correlation" => NegativeCorrelation,
        "ccc" => OneMinusCcc,
        "ccc_mse" => (p, t) => Mse(p, t).MulScalar(1 - weight) + OneMinusCcc(p, t).MulScalar(weight),
        "combined" => (p, t) => Mse(p, t).MulScalar(1 - weight) + NegativeCorrelation(p, t).MulScalar(weight),
        _ => throw new ArgumentException($"Unknown loss '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name)),
    };

    public static Tensor Mse(Tensor prediction, Tensor target) => (prediction - target).square().mean();

    public static Tensor NegativeCorrelation(Tensor prediction, Tensor target)
    {
        var p = prediction - prediction.mean([0]);
        var t = target - target.mean([0]);
        var r = (p * t).sum([0]) / (p.norm(0) * t.norm(0)).ClampMin(1e-6);
        return -r.mean();
    }

    public static Tensor OneMinusCcc(Tensor prediction, Tensor target)
    {
        var pm = prediction.mean([0]);
        var tm = target.mean([0]);
        var covariance = ((prediction - pm) * (target - tm)).mean([0]);
        var ccc = covariance.MulScalar(2) / (prediction.var(0, unbiased: true) + target.var(0, unbiased: true) + (pm - tm).square()).AddScalar(1e-8);
        return ccc.mean().SubtractFrom(1);
    }
}
