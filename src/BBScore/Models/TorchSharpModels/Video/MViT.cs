using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>A token grid (time, height, width).</summary>
public readonly record struct Thw(long T, long H, long W)
{
    public long Count => T * H * W;

    /// <summary>The grid after a 3-D conv or pool (floor((n + 2p − k) / s) + 1 per axis).</summary>
    public Thw After(int[] kernel, int[] stride, int[] padding) =>
        new((T + 2 * padding[0] - kernel[0]) / stride[0] + 1, (H + 2 * padding[1] - kernel[1]) / stride[1] + 1, (W + 2 * padding[2] - kernel[2]) / stride[2] + 1);
}

/// <summary>torchvision's MViT (mvit_v1_b, mvit_v2_s), module for module so that module paths and state_dict keys are
/// torchvision's: <c>conv_proj</c> (3×7×7 patches, stride 2×4×4), <c>pos_encoding</c>, <c>blocks.0..15</c>, <c>norm</c>,
/// <c>head</c> (dropout, linear on the class token). Like torchvision's, the network is built for one input size (the
/// token grid is fixed at construction): (B, 3, 16, 224, 224) for the published weights. Every module maps a tensor to a
/// tensor, so each can be hooked; torchvision's blocks return (tokens, grid), whose first element is what BBScore keeps.
/// Inference only: dropout and stochastic depth are the identity.</summary>
public sealed class MViT : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Conv3d conv_proj;
    readonly MViTPositionalEncoding pos_encoding;
    readonly ModuleList<MultiscaleBlock> blocks;
    readonly LayerNorm norm;
    readonly Sequential head;
#pragma warning restore IDE1006

    public MViT(MViTConfig config) : base(nameof(MViT))
    {
        int embed = config.Blocks[0].InputChannels;
        conv_proj = nn.Conv3d(3, embed, (3, 7, 7), stride: (2, 4, 4), padding: (1, 3, 3));
        // torchvision: input_size = size // stride for (T, H, W); the grid the blocks see.
        var size = new Thw(config.TemporalSize / 2, config.SpatialSize / 4, config.SpatialSize / 4);
        pos_encoding = new MViTPositionalEncoding(embed, size, config.RelPosEmbed);
        blocks = new ModuleList<MultiscaleBlock>();
        var grid = size;
        foreach (var block in config.Blocks)
        {
            var built = new MultiscaleBlock(config, block, size, grid);
            blocks.Add(built);
            grid = built.OutputGrid;
            if (block.StrideQ.Length > 0) size = new Thw(size.T / block.StrideQ[0], size.H / block.StrideQ[1], size.W / block.StrideQ[2]);
        }
        norm = nn.LayerNorm(config.Blocks[^1].OutputChannels, eps: 1e-6);
        head = nn.Sequential(nn.Dropout(0.5), nn.Linear(config.Blocks[^1].OutputChannels, config.Classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = pos_encoding.call(conv_proj.call(input).flatten(2).transpose(1, 2));
        foreach (var block in blocks) x = block.call(x);
        return head.call(norm.call(x).select(1, 0)).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's MViT <c>PositionalEncoding</c>: a learned class token put in front of the patch tokens and, for
/// v1, learned absolute positions (<c>spatial_pos</c> per grid cell plus <c>temporal_pos</c> per time step, <c>class_pos</c>
/// for the class token); v2 has relative positions in the attention instead.</summary>
public sealed class MViTPositionalEncoding : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's parameter names
    readonly Parameter class_token;
    readonly Parameter? spatial_pos;
    readonly Parameter? temporal_pos;
    readonly Parameter? class_pos;
#pragma warning restore IDE1006

    public MViTPositionalEncoding(int embed, Thw grid, bool relativePositions) : base("PositionalEncoding")
    {
        class_token = nn.Parameter(zeros(embed));
        if (!relativePositions)
        {
            spatial_pos = nn.Parameter(zeros(grid.H * grid.W, embed));
            temporal_pos = nn.Parameter(zeros(grid.T, embed));
            class_pos = nn.Parameter(zeros(embed));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = cat([class_token.expand(input.shape[0], -1).unsqueeze(1), input], 1);
        if (spatial_pos is not null && temporal_pos is not null && class_pos is not null)
        {
            // Time-major token order: every time step's grid cells in turn.
            long cells = spatial_pos.shape[0], frames = temporal_pos.shape[0];
            var positions = temporal_pos.repeat_interleave(cells, dim: 0) + spatial_pos.repeat(frames, 1);
            x = x + cat([class_pos.unsqueeze(0), positions], 0).unsqueeze(0);
        }
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's MViT <c>Pool</c>: pools the grid tokens of (B, heads, 1 + THW, C) (or (B, 1 + THW, C)) with
/// <c>pool</c> (a depthwise conv, or a max pool for the skip connection), keeps the class token in front, then applies
/// <c>norm_act</c> (a LayerNorm) when there is one. The input grid is fixed at construction.</summary>
public sealed class MViTPool : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly nn.Module<Tensor, Tensor> pool;
    readonly Sequential? norm_act;
#pragma warning restore IDE1006
    readonly Thw _input;

    MViTPool(nn.Module<Tensor, Tensor> pool, LayerNorm? norm, Thw input, Thw output) : base("Pool")
    {
        this.pool = pool;
        norm_act = norm is null ? null : nn.Sequential(norm);
        _input = input;
        Output = output;
        RegisterComponents();
    }

    public Thw Output { get; }

    /// <summary>The attention's pooling: depthwise conv (no bias, padding k/2) over each head's channels, then LayerNorm.</summary>
    public static MViTPool Attention(int headDim, int[] kernel, int[] stride, Thw input)
    {
        int[] padding = kernel.Select(k => k / 2).ToArray();
        var conv = nn.Conv3d(headDim, headDim, (kernel[0], kernel[1], kernel[2]), stride: (stride[0], stride[1], stride[2]),
            padding: (padding[0], padding[1], padding[2]), groups: headDim, bias: false);
        return new MViTPool(conv, nn.LayerNorm(headDim, eps: 1e-6), input, input.After(kernel, stride, padding));
    }

    /// <summary>The skip connection's pooling when queries are strided: max pool, kernel s + 1 where s > 1.</summary>
    public static MViTPool Skip(int[] stride, Thw input)
    {
        int[] kernel = stride.Select(s => s > 1 ? s + 1 : s).ToArray(), padding = kernel.Select(k => k / 2).ToArray();
        var max = nn.MaxPool3d((kernel[0], kernel[1], kernel[2]), (stride[0], stride[1], stride[2]), (padding[0], padding[1], padding[2]));
        return new MViTPool(max, null, input, input.After(kernel, stride, padding));
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        bool unsqueezed = input.dim() == 3;
        var x = unsqueezed ? input.unsqueeze(1) : input;
        long batch = x.shape[0], heads = x.shape[1], tokens = x.shape[2], channels = x.shape[3];
        var classToken = x.narrow(2, 0, 1);
        var grid = x.narrow(2, 1, tokens - 1).transpose(2, 3).reshape(batch * heads, channels, _input.T, _input.H, _input.W);
        var pooled = pool.call(grid).reshape(batch, heads, channels, -1).transpose(2, 3);
        x = cat([classToken, pooled], 2);
        if (norm_act is not null) x = norm_act.call(x);
        return (unsqueezed ? x.squeeze(1) : x).MoveToOuterDisposeScope();
    }
}
