using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's PositionalEncoding (metrics/utils.py): a (1, max_len, d) buffer <c>pe</c>, sin at even and
/// cos at odd channels of position·exp(−ln(10000)·2i/d), computed in float32 as PyTorch does; added to the first T rows.</summary>
public sealed class SinusoidalPositionalEncoding : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch's buffer name
    readonly Tensor pe;
#pragma warning restore IDE1006

    public SinusoidalPositionalEncoding(int dModel, int maxLen = 5000) : base("PositionalEncoding")
    {
        using (var scope = NewDisposeScope())
        {
            var table = zeros(maxLen, dModel);
            var position = arange(0, maxLen, dtype: ScalarType.Float32).unsqueeze(1);
            var divTerm = exp(arange(0, dModel, 2).to_type(ScalarType.Float32) * (-Math.Log(10000.0) / dModel));
            table[TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = sin(position * divTerm);
            table[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = cos(position * divTerm);
            pe = table.unsqueeze(0).MoveToOuterDisposeScope();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input + pe[TensorIndex.Colon, TensorIndex.Slice(0, input.shape[1]), TensorIndex.Colon];
}
