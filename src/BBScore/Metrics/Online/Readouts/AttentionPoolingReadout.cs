using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's AttentionPoolingInternalModel (metrics/utils.py): a frozen random projection D → width
/// (normal, std 1/√width, drawn as torch.manual_seed(seed) then normal_ draws it), LayerNorm(width, eps 1e-5); for a
/// (B, T, D) input softmax attention pooling over time with Linear(width, 1); then Linear(width, out). A (B, D) input
/// skips the pooling (its <c>attn</c> gets no gradient). state_dict: <c>random_proj.weight</c>, <c>layer_norm.*</c>,
/// <c>attn.*</c>, <c>linear.*</c>.</summary>
public sealed class AttentionPoolingReadout : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch's module names
    readonly Linear random_proj;
    readonly LayerNorm layer_norm;
    readonly Linear attn;
    readonly Linear linear;
#pragma warning restore IDE1006

    public AttentionPoolingReadout(int inputDim, int outputs, int width, int seed, Generator generator) : base(nameof(AttentionPoolingReadout))
    {
        random_proj = nn.Linear(inputDim, width, hasBias: false);
        using (var projectionGenerator = new Generator((ulong)seed))
        using (no_grad())
            random_proj.weight!.normal_(0, 1 / Math.Sqrt(width), projectionGenerator);
        random_proj.weight!.requires_grad = false;
        layer_norm = nn.LayerNorm(width);
        attn = nn.Linear(width, 1);
        linear = nn.Linear(width, outputs);
        ReadoutInit.DefaultLinear(attn, generator);
        ReadoutInit.DefaultLinear(linear, generator);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = layer_norm.call(random_proj.call(input));
        if (input.ndim == 3) x = (x * softmax(attn.call(x), 1)).sum(1);
        return linear.call(x).MoveToOuterDisposeScope();
    }
}
