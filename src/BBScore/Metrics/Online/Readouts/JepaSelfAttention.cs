using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's Attention: qkv Linear (bias, as the pooler asks) to 3·dim, split into heads, scaled dot-product
/// attention, heads merged, proj Linear; dropout 0.</summary>
public sealed class JepaSelfAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly Linear qkv;
    readonly Linear proj;
#pragma warning restore IDE1006
    readonly int _heads;

    public JepaSelfAttention(int dim, int heads, Generator generator) : base("Attention")
    {
        _heads = heads;
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        ReadoutInit.JepaLinear(qkv, generator);
        ReadoutInit.JepaLinear(proj, generator);
        RegisterComponents();
    }

    internal Tensor ProjectionWeight => proj.weight!;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        var parts = qkv.call(x).reshape(b, n, 3, _heads, c / _heads).permute(2, 0, 3, 1, 4);
        var attended = ScaledDotProductAttention.Apply(parts[0], parts[1], parts[2]).transpose(1, 2).reshape(b, n, c);
        return proj.call(attended).MoveToOuterDisposeScope();
    }
}
