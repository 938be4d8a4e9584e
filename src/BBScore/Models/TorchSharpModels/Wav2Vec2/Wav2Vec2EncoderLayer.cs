using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>Wav2Vec2Attention: <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c> and <c>out_proj</c>, all with biases;
/// softmax(QKᵀ/√d)V per head (no attention mask: the waveforms of a batch have one length). Attention is libtorch's
/// scaled_dot_product_attention, which does not hold the frames² score matrix: a story-length sound has tens of
/// thousands of frames (50 per second).</summary>
public sealed class Wav2Vec2Attention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear k_proj, v_proj, q_proj, out_proj;
#pragma warning restore IDE1006
    readonly int _heads;

    public Wav2Vec2Attention(int hidden, int heads) : base("Wav2Vec2Attention")
    {
        k_proj = nn.Linear(hidden, hidden);
        v_proj = nn.Linear(hidden, hidden);
        q_proj = nn.Linear(hidden, hidden);
        out_proj = nn.Linear(hidden, hidden);
        _heads = heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], frames = hidden.shape[1], width = hidden.shape[2] / _heads;
        Tensor Heads(Tensor x) => x.reshape(batch, frames, _heads, width).transpose(1, 2);
        var context = nn.functional.scaled_dot_product_attention(Heads(q_proj.call(hidden)), Heads(k_proj.call(hidden)), Heads(v_proj.call(hidden)));
        return out_proj.call(context.transpose(1, 2).reshape(batch, frames, _heads * width)).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2FeedForward: <c>intermediate_dense</c>, GELU, <c>output_dense</c> (dropouts are identities in eval).</summary>
public sealed class Wav2Vec2FeedForward : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Dropout intermediate_dropout, output_dropout;
    readonly Linear intermediate_dense, output_dense;
    readonly GELU intermediate_act_fn;
#pragma warning restore IDE1006

    public Wav2Vec2FeedForward(int hidden, int intermediate) : base("Wav2Vec2FeedForward")
    {
        intermediate_dropout = nn.Dropout(0);
        intermediate_dense = nn.Linear(hidden, intermediate);
        intermediate_act_fn = nn.GELU();
        output_dense = nn.Linear(intermediate, hidden);
        output_dropout = nn.Dropout(0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var inner = intermediate_dropout.call(intermediate_act_fn.call(intermediate_dense.call(hidden)));
        return output_dropout.call(output_dense.call(inner)).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2EncoderLayer and Wav2Vec2EncoderLayerStableLayerNorm. Post-norm (<paramref name="stable"/> false):
/// x = layer_norm(x + attention(x)); x = final_layer_norm(x + feed_forward(x)). Pre-norm: x = x + attention(layer_norm(x));
/// x = x + feed_forward(final_layer_norm(x)).</summary>
public sealed class Wav2Vec2EncoderLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Wav2Vec2Attention attention;
    readonly Dropout dropout;
    readonly LayerNorm layer_norm, final_layer_norm;
    readonly Wav2Vec2FeedForward feed_forward;
#pragma warning restore IDE1006
    readonly bool _stable;

    public Wav2Vec2EncoderLayer(Wav2Vec2Config config) : base("Wav2Vec2EncoderLayer")
    {
        attention = new Wav2Vec2Attention(config.Hidden, config.Heads);
        dropout = nn.Dropout(0);
        layer_norm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        feed_forward = new Wav2Vec2FeedForward(config.Hidden, config.Intermediate);
        final_layer_norm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        _stable = config.StableLayerNorm;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        if (_stable)
        {
            var attended = hidden + dropout.call(attention.call(layer_norm.call(hidden)));
            return (attended + feed_forward.call(final_layer_norm.call(attended))).MoveToOuterDisposeScope();
        }
        var normed = layer_norm.call(hidden + dropout.call(attention.call(hidden)));
        return final_layer_norm.call(normed + feed_forward.call(normed)).MoveToOuterDisposeScope();
    }
}
