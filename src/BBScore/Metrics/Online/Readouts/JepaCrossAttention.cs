using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's CrossAttention: queries from <c>q</c> (Linear), keys and values from <c>x</c> (one Linear to
/// 2·dim), multi-head scaled dot-product attention. Its <c>proj</c> Linear exists (state_dict, optimizer) but V-JEPA's
/// forward never applies it, so it gets no gradient and AdamW leaves it as it was.</summary>
public sealed class JepaCrossAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly Linear q;
    readonly Linear kv;
    readonly Linear proj;
#pragma warning restore IDE1006
    readonly int _heads;

    public JepaCrossAttention(int dim, int heads, Generator generator) : base("CrossAttention")
    {
        _heads = heads;
        q = nn.Linear(dim, dim);
        kv = nn.Linear(dim, 2 * dim);
        proj = nn.Linear(dim, dim);
        foreach (var linear in new[] { q, kv, proj }) ReadoutInit.JepaLinear(linear, generator);
        RegisterComponents();
    }

    internal Tensor ProjectionWeight => proj.weight!;

    public override Tensor forward(Tensor queries, Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = queries.shape[0], n = queries.shape[1], c = queries.shape[2], length = x.shape[1];
        var query = q.call(queries).reshape(b, n, _heads, c / _heads).permute(0, 2, 1, 3);
        var keysValues = kv.call(x).reshape(b, length, 2, _heads, c / _heads).permute(2, 0, 3, 1, 4);
        var attended = ScaledDotProductAttention.Apply(query, keysValues[0], keysValues[1]);
        return attended.transpose(1, 2).reshape(b, n, c).MoveToOuterDisposeScope();
    }
}
