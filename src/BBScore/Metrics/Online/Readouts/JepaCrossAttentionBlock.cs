using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's CrossAttentionBlock: q + xattn(q, norm1(x)), then + mlp(norm2(q)); LayerNorm eps 1e-5, MLP width
/// mlp_ratio·dim (4).</summary>
public sealed class JepaCrossAttentionBlock : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly LayerNorm norm1;
    readonly JepaCrossAttention xattn;
    readonly LayerNorm norm2;
    readonly JepaMlp mlp;
#pragma warning restore IDE1006

    public JepaCrossAttentionBlock(int dim, int heads, double mlpRatio, Generator generator) : base("CrossAttentionBlock")
    {
        norm1 = nn.LayerNorm(dim);
        xattn = new JepaCrossAttention(dim, heads, generator);
        norm2 = nn.LayerNorm(dim);
        mlp = new JepaMlp(dim, (int)(dim * mlpRatio), generator);
        RegisterComponents();
    }

    internal IEnumerable<Tensor> RescaledWeights => [xattn.ProjectionWeight, mlp.OutputWeight];

    public override Tensor forward(Tensor queries, Tensor x)
    {
        using var scope = NewDisposeScope();
        var q = queries + xattn.call(queries, norm1.call(x));
        return (q + mlp.call(norm2.call(q))).MoveToOuterDisposeScope();
    }
}
