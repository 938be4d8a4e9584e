using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's AttentivePooler with one query: <c>query_tokens</c>, <c>cross_attention_block</c>, and for depth
/// &gt; 1 the ModuleList <c>blocks</c> of depth − 1 self-attention Blocks (none, and no <c>blocks</c> key, at depth 1).</summary>
public sealed class JepaAttentivePooler : nn.Module<Tensor, Tensor>
{
    const double MlpRatio = 4.0;
#pragma warning disable IDE1006 // V-JEPA's parameter and module names
    readonly Parameter query_tokens;
    readonly JepaCrossAttentionBlock cross_attention_block;
    readonly ModuleList<JepaBlock>? blocks;
#pragma warning restore IDE1006

    public JepaAttentivePooler(int dim, int heads, int depth, Generator generator) : base("AttentivePooler")
    {
        query_tokens = nn.Parameter(zeros(1, 1, dim));
        cross_attention_block = new JepaCrossAttentionBlock(dim, heads, MlpRatio, generator);
        if (depth > 1) blocks = nn.ModuleList(Enumerable.Range(0, depth - 1).Select(_ => new JepaBlock(dim, heads, MlpRatio, generator)).ToArray());
        ReadoutInit.TruncatedNormal(query_tokens, generator);
        using (no_grad())
        {
            foreach (var weight in cross_attention_block.RescaledWeights) weight.div_(Math.Sqrt(2.0));
            if (blocks is not null)
                for (int layer = 1; layer <= blocks.Count; layer++)
                    foreach (var weight in blocks[layer - 1].RescaledWeights) weight.div_(Math.Sqrt(2.0 * (layer + 1)));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var q = cross_attention_block.call(query_tokens.repeat(x.shape[0], 1, 1), x);
        if (blocks is not null) foreach (var block in blocks) q = block.call(q);
        return q.MoveToOuterDisposeScope();
    }
}
