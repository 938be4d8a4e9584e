using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's LinearInternalModel (metrics/utils.py): one nn.Linear(D, out); a (B, T, D) input is
/// flattened to (B, T·D), so <paramref name="inputDim"/> is T·D for sequences. state_dict: <c>linear.weight/bias</c>.</summary>
public sealed class LinearReadout : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch's module names
    readonly Linear linear;
#pragma warning restore IDE1006

    public LinearReadout(int inputDim, int outputs, Generator generator) : base(nameof(LinearReadout))
    {
        linear = nn.Linear(inputDim, outputs);
        ReadoutInit.DefaultLinear(linear, generator);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => linear.call(input.ndim >= 3 ? input.reshape(input.shape[0], -1) : input);
}
