using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Dinov2LayerScale: the input times a learned per-feature <c>lambda1</c>.</summary>
public sealed class Dinov2LayerScale : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's parameter name
    readonly Parameter lambda1;
#pragma warning restore IDE1006

    public Dinov2LayerScale(int hidden) : base("Dinov2LayerScale")
    {
        lambda1 = nn.Parameter(ones(hidden));
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => hidden * lambda1;
}

/// <summary>One block of Hugging Face's DINOv2 (Dinov2Layer): x + layer_scale1(attention(norm1(x))), then
/// + layer_scale2(mlp(norm2(·))). The attention is ViT's (<c>attention.attention.query</c> …,
/// <c>attention.output.dense</c>); the MLP is <see cref="GeluMlp"/> or, for giant, <see cref="Dinov2SwiGluFfn"/>.
/// Drop path is the identity at inference.</summary>
public sealed class Dinov2Layer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly LayerNorm norm1, norm2;
    readonly VitAttention attention;
    readonly Dinov2LayerScale layer_scale1, layer_scale2;
    readonly nn.Module<Tensor, Tensor> mlp;
#pragma warning restore IDE1006

    public Dinov2Layer(VitConfig config) : base("Dinov2Layer")
    {
        norm1 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        attention = new VitAttention(config);
        layer_scale1 = new Dinov2LayerScale(config.Hidden);
        norm2 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        mlp = config.Block == VitBlock.Dinov2SwiGlu ? new Dinov2SwiGluFfn(config) : new GeluMlp(config.Hidden, config.Mlp);
        layer_scale2 = new Dinov2LayerScale(config.Hidden);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var attended = layer_scale1.call(attention.call(norm1.call(hidden))) + hidden;
        return (layer_scale2.call(mlp.call(norm2.call(attended))) + attended).MoveToOuterDisposeScope();
    }
}
