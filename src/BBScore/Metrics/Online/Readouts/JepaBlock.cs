using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's self-attention Block (with its Attention: one qkv Linear to 3·dim, multi-head scaled dot-product
/// attention, proj): x + attn.proj(attention(norm1(x))), then + mlp(norm2(x)). state_dict: <c>norm1</c>,
/// <c>attn.qkv</c>, <c>attn.proj</c>, <c>norm2</c>, <c>mlp.fc1/fc2</c>.</summary>
public sealed class JepaBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly LayerNorm norm1;
    readonly JepaSelfAttention attn;
    readonly LayerNorm norm2;
    readonly JepaMlp mlp;
#pragma warning restore IDE1006

    public JepaBlock(int dim, int heads, double mlpRatio, Generator generator) : base("Block")
    {
        norm1 = nn.LayerNorm(dim);
        attn = new JepaSelfAttention(dim, heads, generator);
        norm2 = nn.LayerNorm(dim);
        mlp = new JepaMlp(dim, (int)(dim * mlpRatio), generator);
        RegisterComponents();
    }

    internal IEnumerable<Tensor> RescaledWeights => [attn.ProjectionWeight, mlp.OutputWeight];

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input + attn.call(norm1.call(input));
        return (x + mlp.call(norm2.call(x))).MoveToOuterDisposeScope();
    }
}
