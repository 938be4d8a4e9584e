using TorchSharp;
using TorchSharp.Modules;
using BBScore.Models.TorchSharpModels.Vit;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Timesformer;

/// <summary>TimesformerSelfAttention: fused <c>qkv</c>, softmax(QKᵀ/√d)V per head over the second axis.</summary>
public sealed class TimesformerSelfAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Linear qkv;
#pragma warning restore IDE1006
    readonly int _heads;

    public TimesformerSelfAttention(TimesformerConfig config) : base("SelfAttention")
    {
        qkv = nn.Linear(config.Hidden, 3 * config.Hidden, hasBias: config.QkvBias);
        _heads = config.Heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], tokens = x.shape[1], width = x.shape[2];
        var parts = qkv.call(x).reshape(n, tokens, 3, _heads, width / _heads).permute(2, 0, 3, 1, 4);
        var context = nn.functional.scaled_dot_product_attention(parts[0], parts[1], parts[2]);
        return context.transpose(1, 2).reshape(n, tokens, width).MoveToOuterDisposeScope();
    }
}

/// <summary>TimesformerAttention: <c>attention</c> then <c>output</c>.</summary>
public sealed class TimesformerAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly TimesformerSelfAttention attention;
    readonly VitDense output;
#pragma warning restore IDE1006

    public TimesformerAttention(TimesformerConfig config) : base("Attention")
    {
        attention = new TimesformerSelfAttention(config);
        output = new VitDense(config.Hidden, config.Hidden, gelu: false, "SelfOutput");
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return output.call(attention.call(x)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// One divided space-time block (TimesformerLayer). Tokens are [class, (patch, frame)…]: each patch position attends
/// over its frames (<c>temporal_layernorm</c>, <c>temporal_attention</c>, <c>temporal_dense</c>, added to the patches);
/// then each frame's patches, with a copy of the class token, attend over each other (<c>layernorm_before</c>,
/// <c>attention</c>; the class token's outputs averaged over frames), added to [class, patches]; then the MLP
/// (<c>layernorm_after</c>, <c>intermediate</c>, <c>output</c>) with its residual.
/// </summary>
public sealed class TimesformerLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly LayerNorm temporal_layernorm, layernorm_before, layernorm_after;
    readonly TimesformerAttention temporal_attention, attention;
    readonly Linear temporal_dense;
    readonly VitDense intermediate, output;
#pragma warning restore IDE1006
    readonly TimesformerConfig _config;

    public TimesformerLayer(TimesformerConfig config) : base("Layer")
    {
        _config = config;
        temporal_layernorm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        temporal_attention = new TimesformerAttention(config);
        temporal_dense = nn.Linear(config.Hidden, config.Hidden);
        layernorm_before = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        attention = new TimesformerAttention(config);
        layernorm_after = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        intermediate = new VitDense(config.Hidden, config.Mlp, gelu: true, "Intermediate");
        output = new VitDense(config.Mlp, config.Hidden, gelu: false, "Output");
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], width = hidden.shape[2], patches = _config.Patches;
        long frames = (hidden.shape[1] - 1) / patches;
        var cls = hidden.narrow(1, 0, 1);
        var tokens = hidden.narrow(1, 1, hidden.shape[1] - 1);
        var temporal = temporal_dense.call(temporal_attention.call(temporal_layernorm.call(tokens.reshape(batch * patches, frames, width))));
        tokens = tokens + temporal.reshape(batch, patches * frames, width);
        var spatial = tokens.reshape(batch, patches, frames, width).transpose(1, 2).reshape(batch * frames, patches, width);
        spatial = cat([cls.repeat(1, frames, 1).reshape(batch * frames, 1, width), spatial], 1);
        spatial = attention.call(layernorm_before.call(spatial));
        var clsResidual = spatial.select(1, 0).reshape(batch, frames, width).mean([1], keepdim: true);
        var patchResidual = spatial.narrow(1, 1, patches).reshape(batch, frames, patches, width).transpose(1, 2).reshape(batch, patches * frames, width);
        var mixed = cat([cls, tokens], 1) + cat([clsResidual, patchResidual], 1);
        return (mixed + output.call(intermediate.call(layernorm_after.call(mixed)))).MoveToOuterDisposeScope();
    }
}
