using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>F.scaled_dot_product_attention(q, k, v) without mask or dropout, as V-JEPA calls it: softmax(q·kᵀ/√d)·v
/// over (batch, heads, length, d), stated as PyTorch's math kernel (the same sum in every implementation).</summary>
static class ScaledDotProductAttention
{
    public static Tensor Apply(Tensor q, Tensor k, Tensor v) =>
        softmax(q.matmul(k.transpose(-2, -1)) * Math.Pow(q.shape[^1], -0.5), -1).matmul(v);
}
