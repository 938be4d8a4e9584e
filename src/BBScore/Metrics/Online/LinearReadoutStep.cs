using BBScore.Numerics;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online;

/// <summary>The online regressor's linear read-out and one training step exactly as the original takes it (spec
/// §1.18; metrics/online_mappers.py): outputs = x Wᵀ + b clamped to [−10, 10]; the loss; plus wd·Σ(param²) over W and
/// b when wd &gt; 0 (the L2 term, since the optimizer has no weight decay); NaN → 0 and ±inf → ±1e6, clamped to
/// [−10, 10]; gradients clipped to total norm 1 (PyTorch's clip_grad_norm_: scaled by min(1, 1 / (norm + 1e-6)));
/// plain SGD, p ← p − lr·g. float32, as PyTorch trains it.</summary>
public sealed class LinearReadoutStep : IDisposable
{
    public const double OutputClamp = 10, LossClamp = 10, GradientClipNorm = 1.0;

    readonly Tensor _weight, _bias;
    readonly Func<Tensor, Tensor, Tensor> _loss;
    readonly Device _device;

    /// <param name="weight">(outputs, inputs) row-major, as PyTorch's <c>nn.Linear.weight</c>.</param>
    /// <param name="device">Where it trains (<see cref="OnlineDevice"/>); null: the CPU.</param>
    public LinearReadoutStep(float[] weight, float[] bias, int inputs, string loss, double correlationWeight = 0.5, Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        if (weight.Length != (long)bias.Length * inputs) throw new ArgumentException($"{weight.Length} weights for {bias.Length} outputs of {inputs} inputs.", nameof(weight));
        _device = device ?? CPU;
        _weight = tensor(weight, [bias.Length, inputs], device: _device).requires_grad_(true);
        _bias = tensor(bias, [bias.Length], device: _device).requires_grad_(true);
        _loss = RegressionLosses.Create(loss, correlationWeight);
        Inputs = inputs;
    }

    public int Inputs { get; }

    public int Outputs => (int)_bias.shape[0];

    /// <summary>One step on a batch of <paramref name="rows"/> (already standardised) rows; returns the loss value.</summary>
    /// <param name="l2InsideClamp">True: the original's order, the L2 term added before the loss is cleaned and clamped to
    /// [−10, 10] (<c>--compat bbscore</c>). There, a wide read-out's L2 term alone passes the clamp (wd·Σp² at PyTorch's
    /// initialisation is about wd·outputs/3: 34 for 1,024 targets at wd 0.1), the clamp passes no gradient, and that grid
    /// point never trains. False (default, our fix): the data loss is cleaned and clamped, and the L2 term is added after,
    /// so its gradient always applies. The two agree whenever the total stays inside the clamp.</param>
    /// <remarks>The L2 term's gradient is added in closed form, 2·wd·p, not through autograd: over a 4,096 × 1,024 read-out
    /// autograd's square, sum and their backward took two thirds of a step. The clamp and nan_to_num pass no gradient
    /// where they act (PyTorch's backward for both), so a loss they change contributes none.</remarks>
    public double Step(float[] x, float[] y, int rows, double lr, double wd, bool l2InsideClamp = false)
    {
        using var scope = NewDisposeScope();
        var features = tensor(x, [rows, Inputs], device: _device);
        var labels = tensor(y, [rows, Outputs], device: _device);
        var outputs = (features.matmul(_weight.t()) + _bias).Clamp(-OutputClamp, OutputClamp);
        var loss = _loss(outputs, labels);
        _weight.grad?.zero_();
        _bias.grad?.zero_();
        Tensor? l2 = null;
        if (wd > 0)
            using (no_grad())
            {
                var flatWeight = _weight.detach().view(-1);
                l2 = (flatWeight.dot(flatWeight) + _bias.detach().dot(_bias.detach())).MulScalar(wd);
            }
        // float32 arithmetic, as PyTorch adds the terms.
        float clamped = (l2InsideClamp && l2 is not null ? loss.detach() + l2 : loss.detach()).cpu().item<float>();
        bool flows = float.IsFinite(clamped) && clamped >= -LossClamp && clamped <= LossClamp;
        float value = Math.Clamp(float.IsNaN(clamped) ? 0 : float.IsPositiveInfinity(clamped) ? 1e6f : float.IsNegativeInfinity(clamped) ? -1e6f : clamped,
            (float)-LossClamp, (float)LossClamp);
        if (!l2InsideClamp && l2 is not null) value += l2.cpu().item<float>(); // float32, as PyTorch adds them
        bool decays = wd > 0 && (flows || !l2InsideClamp);
        if (!flows && !decays) return value;
        if (flows) loss.backward();
        using (no_grad())
        {
            var wGrad = _weight.grad ?? zeros_like(_weight);
            var bGrad = _bias.grad ?? zeros_like(_bias);
            if (!flows)
            {
                wGrad.zero_();
                bGrad.zero_();
            }
            if (decays)
            {
                wGrad.AddScaled_(_weight, 2 * wd);
                bGrad.AddScaled_(_bias, 2 * wd);
            }
            // clip_grad_norm_: max_norm / (total_norm + 1e-6), clamped at 1, in float32 as PyTorch computes it.
            float norm = stack([wGrad.norm(), bGrad.norm()]).norm().cpu().item<float>();
            float coefficient = Math.Min((float)GradientClipNorm / (norm + 1e-6f), 1f);
            wGrad.MulScalar_(coefficient);
            bGrad.MulScalar_(coefficient);
            _weight.AddScaled_(wGrad, -lr);
            _bias.AddScaled_(bGrad, -lr);
        }
        return value;
    }

    /// <summary>A fresh read-out initialised as PyTorch's <c>nn.Linear</c> (weight and bias uniform in ±1/√inputs), drawn
    /// from <paramref name="random"/> so the run's seed fixes it.</summary>
    public static LinearReadoutStep Initialised(int inputs, int outputs, string loss, double correlationWeight, Numerics.CrossValidation.SeededRandom random,
                                                Device? device = null)
    {
        double bound = 1 / Math.Sqrt(inputs);
        float Draw() => (float)((random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * 2 * bound - bound);
        var weight = new float[(long)outputs * inputs];
        for (long i = 0; i < weight.Length; i++) weight[i] = Draw();
        var bias = new float[outputs];
        for (int i = 0; i < outputs; i++) bias[i] = Draw();
        return new LinearReadoutStep(weight, bias, inputs, loss, correlationWeight, device);
    }

    /// <summary>x Wᵀ + b for <paramref name="rows"/> standardised rows, into <paramref name="destination"/> (rows × outputs).</summary>
    public void Predict(float[] x, int rows, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var outputs = (tensor(x, [rows, Inputs], device: _device).matmul(_weight.t()) + _bias).cpu();
        outputs.data<float>().CopyTo(destination[..(rows * Outputs)]);
    }

    /// <summary>Copies the current weights and bias (the best epoch's state is kept this way).</summary>
    public (float[] Weight, float[] Bias) Snapshot() => (Weight, Bias);

    /// <summary>Puts back a state from <see cref="Snapshot"/>.</summary>
    public void Restore((float[] Weight, float[] Bias) state)
    {
        using var noGrad = no_grad();
        using var w = tensor(state.Weight, [Outputs, Inputs], device: _device);
        using var b = tensor(state.Bias, [Outputs], device: _device);
        _weight.copy_(w);
        _bias.copy_(b);
    }

    public float[] Weight => _weight.detach().cpu().data<float>().ToArray();

    public float[] Bias => _bias.detach().cpu().data<float>().ToArray();

    public void Dispose()
    {
        _weight.Dispose();
        _bias.Dispose();
    }
}
