using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's TransformerInternalModel (metrics/utils.py): <c>input_projection</c> Linear(D, embed) →
/// ReLU → Linear(embed, embed) per time step, <c>positional_encoder</c> (sinusoidal, max_len 5000), then
/// <c>attentive_pooler_head</c>, V-JEPA's AttentiveClassifier(embed, out, depth, heads). A (B, D) input gets a
/// length-1 time axis.</summary>
public sealed class TransformerReadout : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch's module names
    readonly Sequential input_projection;
    readonly SinusoidalPositionalEncoding positional_encoder;
    readonly JepaAttentiveClassifier attentive_pooler_head;
#pragma warning restore IDE1006
    readonly int _embed;

    public TransformerReadout(int inputDim, int outputs, int embedDim, int heads, int depth, Generator generator) : base(nameof(TransformerReadout))
    {
        if (embedDim % heads != 0) throw new ArgumentException($"embed_dim {embedDim} is not a multiple of num_heads {heads}.", nameof(heads));
        _embed = embedDim;
        var first = nn.Linear(inputDim, embedDim);
        var second = nn.Linear(embedDim, embedDim);
        ReadoutInit.DefaultLinear(first, generator);
        ReadoutInit.DefaultLinear(second, generator);
        input_projection = nn.Sequential(first, nn.ReLU(), second);
        positional_encoder = new SinusoidalPositionalEncoding(embedDim);
        attentive_pooler_head = new JepaAttentiveClassifier(embedDim, outputs, depth, heads, generator);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.ndim == 2 ? input.unsqueeze(1) : input;
        long n = x.shape[0], t = x.shape[1], d = x.shape[2];
        var projected = input_projection.call(x.reshape(n * t, d)).view(n, t, _embed);
        return attentive_pooler_head.call(positional_encoder.call(projected)).MoveToOuterDisposeScope();
    }
}
