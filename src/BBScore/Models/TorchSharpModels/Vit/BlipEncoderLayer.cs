using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>BlipAttention: one fused <c>qkv</c> projection (with bias) whose output holds q, k and v one after the
/// other (its reshape to (B, tokens, 3, heads, width) in Hugging Face), softmax(QKᵀ/√d)V, then <c>projection</c>.</summary>
public sealed class BlipAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear qkv, projection;
#pragma warning restore IDE1006
    readonly int _heads;

    public BlipAttention(VitConfig config) : base("BlipAttention")
    {
        qkv = nn.Linear(config.Hidden, 3 * config.Hidden);
        projection = nn.Linear(config.Hidden, config.Hidden);
        _heads = config.Heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var parts = qkv.call(hidden).chunk(3, -1);
        return projection.call(VitSelfAttention.Attend(parts[0], parts[1], parts[2], _heads)).MoveToOuterDisposeScope();
    }
}

/// <summary>BlipEncoderLayer, pre-norm: x + self_attn(layer_norm1(x)), then + mlp(layer_norm2(·)).</summary>
public sealed class BlipEncoderLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly BlipAttention self_attn;
    readonly LayerNorm layer_norm1, layer_norm2;
    readonly GeluMlp mlp;
#pragma warning restore IDE1006

    public BlipEncoderLayer(VitConfig config) : base("BlipEncoderLayer")
    {
        self_attn = new BlipAttention(config);
        layer_norm1 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        mlp = new GeluMlp(config.Hidden, config.Mlp);
        layer_norm2 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var attended = self_attn.call(layer_norm1.call(hidden)) + hidden;
        return (mlp.call(layer_norm2.call(attended)) + attended).MoveToOuterDisposeScope();
    }
}
