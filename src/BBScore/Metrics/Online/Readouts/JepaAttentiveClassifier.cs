using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's AttentiveClassifier (jepa src/models/attentive_pooler.py, complete_block, one query, mlp_ratio 4,
/// qkv_bias): <c>pooler</c> (learned <c>query_tokens</c> (1, 1, dim) repeated over the batch, a CrossAttentionBlock
/// over the sequence, then depth − 1 self-attention Blocks) and <c>linear</c> on the pooled token. Initialised as
/// V-JEPA does: truncated normal (std 0.02) Linear weights and query, zero biases, LayerNorms 1/0, the cross block's
/// proj and fc2 divided by √2 and block i's (from 1) attn.proj and fc2 by √(2(i+1)).</summary>
public sealed class JepaAttentiveClassifier : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly JepaAttentivePooler pooler;
    readonly Linear linear;
#pragma warning restore IDE1006

    public JepaAttentiveClassifier(int dim, int classes, int depth, int heads, Generator generator) : base("AttentiveClassifier")
    {
        pooler = new JepaAttentivePooler(dim, heads, depth, generator);
        linear = nn.Linear(dim, classes);
        ReadoutInit.DefaultLinear(linear, generator);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return linear.call(pooler.call(x).squeeze(1)).MoveToOuterDisposeScope();
    }
}
