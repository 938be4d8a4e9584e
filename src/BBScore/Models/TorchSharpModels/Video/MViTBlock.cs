using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>torchvision's <c>MultiscaleBlock</c>: <c>norm1</c>, pooling attention <c>attn</c>, a skip connection (max-pooled
/// by <c>pool_skip</c> when the queries are strided), <c>norm2</c>, <c>mlp</c> (Linear ×4, GELU, Linear), and <c>project</c>
/// (Linear) when the channel count changes: v1 projects the normalised input of the MLP, v2 (projection after attention)
/// that of the attention.</summary>
public sealed class MultiscaleBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly MViTPool? pool_skip;
    readonly LayerNorm norm1;
    readonly LayerNorm norm2;
    readonly MultiscaleAttention attn;
    readonly Sequential mlp;
    readonly Identity stochastic_depth; // identity in eval mode; kept so module paths are torchvision's
    readonly Linear? project;
#pragma warning restore IDE1006
    readonly bool _projectAfterAttention;

    /// <param name="size">torchvision's <c>input_size</c> for this block (integer-divided by the strides so far), which
    /// sizes the relative-position tables.</param>
    /// <param name="grid">The token grid this block receives.</param>
    public MultiscaleBlock(MViTConfig network, MViTBlockConfig config, Thw size, Thw grid) : base(nameof(MultiscaleBlock))
    {
        _projectAfterAttention = network.ProjAfterAttn;
        if (config.StrideQ.Aggregate(1, (a, s) => a * s) > 1) pool_skip = MViTPool.Skip(config.StrideQ, grid);
        int attentionDim = network.ProjAfterAttn ? config.OutputChannels : config.InputChannels;
        norm1 = nn.LayerNorm(config.InputChannels, eps: 1e-6);
        norm2 = nn.LayerNorm(attentionDim, eps: 1e-6);
        attn = new MultiscaleAttention(network, config, attentionDim, size, grid);
        mlp = nn.Sequential(nn.Linear(attentionDim, 4 * attentionDim), nn.GELU(), nn.Dropout(0), nn.Linear(4 * attentionDim, config.OutputChannels), nn.Dropout(0));
        stochastic_depth = nn.Identity();
        if (config.InputChannels != config.OutputChannels) project = nn.Linear(config.InputChannels, config.OutputChannels);
        RegisterComponents();
    }

    /// <summary>The token grid this block gives (the queries' after their pooling).</summary>
    public Thw OutputGrid => attn.OutputGrid;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var normalised1 = norm1.call(input);
        var attended = attn.call(normalised1);
        var x = project is null || !_projectAfterAttention ? input : project.call(normalised1);
        x = (pool_skip is null ? x : pool_skip.call(x)) + stochastic_depth.call(attended);
        var normalised2 = norm2.call(x);
        var shortcut = project is null || _projectAfterAttention ? x : project.call(normalised2);
        return (shortcut + stochastic_depth.call(mlp.call(normalised2))).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's <c>MultiscaleAttention</c>: <c>qkv</c>, queries/keys/values pooled per head (<c>pool_q</c>,
/// <c>pool_k</c>, <c>pool_v</c>), scaled dot-product attention, for v2 plus decomposed relative positions
/// (<c>rel_pos_h</c>, <c>rel_pos_w</c>, <c>rel_pos_t</c>) and the pooled queries added back (residual pooling), then
/// <c>project</c>.</summary>
public sealed class MultiscaleAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module and parameter names
    readonly Linear qkv;
    readonly Sequential project;
    readonly MViTPool? pool_q;
    readonly MViTPool? pool_k;
    readonly MViTPool? pool_v;
    readonly Parameter? rel_pos_h;
    readonly Parameter? rel_pos_w;
    readonly Parameter? rel_pos_t;
#pragma warning restore IDE1006
    readonly int _heads, _headDim, _outputDim;
    readonly double _scale;
    readonly bool _residualPool, _residualWithClassToken;
    readonly Thw _keyGrid;

    public MultiscaleAttention(MViTConfig network, MViTBlockConfig config, int outputDim, Thw size, Thw grid) : base(nameof(MultiscaleAttention))
    {
        _heads = config.Heads;
        _outputDim = outputDim;
        _headDim = outputDim / config.Heads;
        _scale = 1.0 / Math.Sqrt(_headDim);
        _residualPool = network.ResidualPool;
        _residualWithClassToken = network.ResidualWithClsEmbed;
        qkv = nn.Linear(config.InputChannels, 3 * outputDim);
        project = nn.Sequential(nn.Linear(outputDim, outputDim));
        if (Product(config.KernelQ) > 1 || Product(config.StrideQ) > 1) pool_q = MViTPool.Attention(_headDim, config.KernelQ, config.StrideQ, grid);
        if (Product(config.KernelKv) > 1 || Product(config.StrideKv) > 1)
        {
            pool_k = MViTPool.Attention(_headDim, config.KernelKv, config.StrideKv, grid);
            pool_v = MViTPool.Attention(_headDim, config.KernelKv, config.StrideKv, grid);
        }
        OutputGrid = pool_q?.Output ?? grid;
        _keyGrid = pool_k?.Output ?? grid;
        if (network.RelPosEmbed)
        {
            long spatial = Math.Max(size.H, size.W);
            long querySize = config.StrideQ.Length > 0 ? spatial / config.StrideQ[1] : spatial;
            long keySize = config.StrideKv.Length > 0 ? spatial / config.StrideKv[1] : spatial;
            long spatialDim = 2 * Math.Max(querySize, keySize) - 1;
            rel_pos_h = nn.Parameter(zeros(spatialDim, _headDim));
            rel_pos_w = nn.Parameter(zeros(spatialDim, _headDim));
            rel_pos_t = nn.Parameter(zeros(2 * size.T - 1, _headDim));
        }
        RegisterComponents();
    }

    public Thw OutputGrid { get; }

    static int Product(int[] values) => values.Aggregate(1, (a, v) => a * v);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], tokens = input.shape[1];
        var parts = qkv.call(input).reshape(batch, tokens, 3, _heads, _headDim).transpose(1, 3).unbind(2);
        Tensor q = parts[0], k = parts[1], v = parts[2];
        if (pool_k is not null) k = pool_k.call(k);
        if (pool_v is not null) v = pool_v.call(v);
        if (pool_q is not null) q = pool_q.call(q);
        var attention = matmul(q * _scale, k.transpose(2, 3));
        if (rel_pos_h is not null && rel_pos_w is not null && rel_pos_t is not null)
            attention = attention + nn.functional.pad(RelativePositions(q), [1, 0, 1, 0]);
        var x = matmul(attention.softmax(-1), v);
        if (_residualPool)
            // v2 adds the pooled queries; without the class token's (residual_with_cls_embed=False) its row gets nothing.
            x = x + (_residualWithClassToken ? q : nn.functional.pad(q.narrow(2, 1, q.shape[2] - 1), [0, 0, 1, 0]));
        x = x.transpose(1, 2).reshape(batch, -1, _outputDim);
        return project.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's <c>_add_rel_pos</c> for the grid tokens: (B, heads, q_thw, k_thw), the query's dot products
    /// with the tables' rows for each (query, key) offset along h, w and t, summed.</summary>
    Tensor RelativePositions(Tensor q)
    {
        var (qg, kg) = (OutputGrid, _keyGrid);
        var rh = Table(rel_pos_h!, qg.H, kg.H);
        var rw = Table(rel_pos_w!, qg.W, kg.W);
        var rt = Table(rel_pos_t!, qg.T, kg.T);
        long batch = q.shape[0];
        var rq = q.narrow(2, 1, q.shape[2] - 1).reshape(batch, _heads, qg.T, qg.H, qg.W, _headDim);
        var relH = einsum("bythwc,hkc->bythwk", rq, rh).unsqueeze(5).unsqueeze(7);
        var relW = einsum("bythwc,wkc->bythwk", rq, rw).unsqueeze(5).unsqueeze(6);
        var relT = einsum("bythwc,tkc->bythwk", rq, rt).unsqueeze(6).unsqueeze(7);
        return (relH + relW + relT).reshape(batch, _heads, qg.Count, kg.Count);
    }

    /// <summary>The table's row for every (query, key) pair along one axis: index ⌊q·max(k/q, 1) − (k' + 1 − kn)·max(q/k, 1)⌋,
    /// after resampling the table linearly to 2·max(qn, kn) − 1 rows when its length differs.</summary>
    static Tensor Table(Tensor table, long queries, long keys)
    {
        long rows = 2 * Math.Max(queries, keys) - 1;
        if (table.shape[0] != rows)
            table = nn.functional.interpolate(table.permute(1, 0).unsqueeze(0), [rows], mode: InterpolationMode.Linear).squeeze(0).permute(1, 0);
        double queryRatio = Math.Max((double)keys / queries, 1.0), keyRatio = Math.Max((double)queries / keys, 1.0);
        var index = new long[queries * keys];
        for (long i = 0; i < queries; i++)
            for (long j = 0; j < keys; j++)
                index[i * keys + j] = (long)(i * queryRatio - (j + (1.0 - keys)) * keyRatio);
        using var indices = tensor(index);
        return table.index_select(0, indices).reshape(queries, keys, -1);
    }
}
