using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Hugging Face's ViTSelfAttention: <c>query</c>, <c>key</c>, <c>value</c> projections (VideoMAE: without
/// biases, plus <c>q_bias</c> and <c>v_bias</c>, the key's bias zero), softmax(QKᵀ/√d)V per head.</summary>
public sealed class VitSelfAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module and parameter names
    readonly Linear query, key, value;
    readonly Parameter? q_bias, v_bias;
#pragma warning restore IDE1006
    readonly int _heads;

    public VitSelfAttention(VitConfig config) : base("SelfAttention")
    {
        bool ownBias = config.QkvBias == VitQkvBias.PerProjection;
        query = nn.Linear(config.Hidden, config.Hidden, hasBias: ownBias);
        key = nn.Linear(config.Hidden, config.Hidden, hasBias: ownBias);
        value = nn.Linear(config.Hidden, config.Hidden, hasBias: ownBias);
        if (config.QkvBias == VitQkvBias.QueryValueOnly)
        {
            q_bias = nn.Parameter(zeros(config.Hidden));
            v_bias = nn.Parameter(zeros(config.Hidden));
        }
        _heads = config.Heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        Tensor q, k, v;
        if (q_bias is not null)
        {
            q = nn.functional.linear(hidden, query.weight!, q_bias);
            k = nn.functional.linear(hidden, key.weight!);
            v = nn.functional.linear(hidden, value.weight!, v_bias);
        }
        else
        {
            (q, k, v) = (query.call(hidden), key.call(hidden), value.call(hidden));
        }
        return Attend(q, k, v, _heads).MoveToOuterDisposeScope();
    }

    /// <summary>softmax(QKᵀ/√d)V over <paramref name="heads"/> heads of (B, tokens, hidden) projections, the heads'
    /// contexts concatenated back to (B, tokens, hidden).</summary>
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, int heads)
    {
        using var scope = NewDisposeScope();
        long batch = q.shape[0], tokens = q.shape[1], width = q.shape[2] / heads;
        Tensor Heads(Tensor x) => x.reshape(batch, tokens, heads, width).permute(0, 2, 1, 3);
        var scores = matmul(Heads(q), Heads(k).transpose(-1, -2)) / Math.Sqrt(width);
        var context = matmul(scores.softmax(-1), Heads(v));
        return context.permute(0, 2, 1, 3).reshape(batch, tokens, heads * width).MoveToOuterDisposeScope();
    }
}

/// <summary>A Linear named <c>dense</c> (ViTSelfOutput, ViTIntermediate with GELU; TimeSformer's SelfOutput,
/// Intermediate and Output likewise): Hugging Face's wrappers, kept so module paths match. Dropout is the identity
/// at inference.</summary>
public sealed class VitDense : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Linear dense;
#pragma warning restore IDE1006
    readonly bool _gelu;

    public VitDense(int inputs, int outputs, bool gelu, string name) : base(name)
    {
        dense = nn.Linear(inputs, outputs);
        _gelu = gelu;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (!_gelu) return dense.call(input);
        using var scope = NewDisposeScope();
        return nn.functional.gelu(dense.call(input)).MoveToOuterDisposeScope();
    }
}

/// <summary>ViTAttention: <c>attention</c> (self-attention) then <c>output</c> (its dense projection).</summary>
public sealed class VitAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly VitSelfAttention attention;
    readonly VitDense output;
#pragma warning restore IDE1006

    public VitAttention(VitConfig config) : base("Attention")
    {
        attention = new VitSelfAttention(config);
        output = new VitDense(config.Hidden, config.Hidden, gelu: false, "SelfOutput");
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return output.call(attention.call(hidden)).MoveToOuterDisposeScope();
    }
}

/// <summary>One pre-norm block of Hugging Face's ViT/VideoMAE: x + attention(layernorm_before(x)), then
/// + output(intermediate(layernorm_after(·))). A hook on <c>encoder.layer.N</c> sees the block's output, as the
/// original's hook sees the first element of the layer's tuple. <c>output</c> here is the dense projection alone:
/// Hugging Face's adds the residual inside it, so a hook there differs by that sum (hook the block instead).</summary>
public sealed class VitLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly VitAttention attention;
    readonly VitDense intermediate;
    readonly VitDense output;
    readonly LayerNorm layernorm_before, layernorm_after;
#pragma warning restore IDE1006

    public VitLayer(VitConfig config) : base("Layer")
    {
        attention = new VitAttention(config);
        intermediate = new VitDense(config.Hidden, config.Mlp, gelu: true, "Intermediate");
        output = new VitDense(config.Mlp, config.Hidden, gelu: false, "Output");
        layernorm_before = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        layernorm_after = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var attended = attention.call(layernorm_before.call(hidden)) + hidden;
        return (output.call(intermediate.call(layernorm_after.call(attended))) + attended).MoveToOuterDisposeScope();
    }
}
