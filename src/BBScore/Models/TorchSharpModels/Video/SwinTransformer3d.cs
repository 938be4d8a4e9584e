using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>torchvision's <c>SwinTransformer3d</c> (swin3d_t/s/b, the Video Swin Transformer), module for module so that
/// module paths and state_dict keys are torchvision's: <c>patch_embed</c> (<c>proj</c>, <c>norm</c>), <c>pos_drop</c>,
/// <c>features</c> (stage <c>i</c> of blocks at <c>features.2i</c>, a <c>PatchMerging</c> between stages at
/// <c>features.2i+1</c>), <c>norm</c>, <c>avgpool</c>, <c>head</c>. Takes (B, C, T, H, W); everything from the patch
/// embedding to <c>norm</c> works channels-last, (B, T', H', W', C), as torchvision's does. Unlike MViT the network is
/// not built for one input size: windows pad and adapt to whatever grid they get. Inference only: dropout and
/// stochastic depth are the identity.</summary>
public sealed class SwinTransformer3d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Swin3DPatchEmbed patch_embed;
    readonly Dropout pos_drop;
    readonly Sequential features;
    readonly LayerNorm norm;
    readonly AdaptiveAvgPool3d avgpool;
    readonly Linear head;
#pragma warning restore IDE1006

    public SwinTransformer3d(Swin3DConfig config) : base(nameof(SwinTransformer3d))
    {
        if (config.PatchSize.Length != 3 || config.Window.Length != 3 || config.Depths.Length != config.Heads.Length)
            throw new ArgumentException("A Swin3D takes a (t, h, w) patch and window and one head count per stage.", nameof(config));
        patch_embed = new Swin3DPatchEmbed(config.PatchSize, config.EmbedDim);
        pos_drop = nn.Dropout(0);
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (int stage = 0; stage < config.Depths.Length; stage++)
        {
            int dim = config.StageDim(stage);
            // Even blocks use plain windows; odd ones shift by half a window (torchvision: w // 2 per axis).
            var blocks = Enumerable.Range(0, config.Depths[stage])
                .Select(i => (nn.Module<Tensor, Tensor>)new Swin3DBlock(dim, config.Heads[stage], config.Window,
                    config.Window.Select(w => i % 2 == 0 ? 0 : w / 2).ToArray(), config.MlpRatio))
                .ToArray();
            layers.Add(nn.Sequential(blocks));
            if (stage < config.Depths.Length - 1) layers.Add(new Swin3DPatchMerging(dim));
        }
        features = nn.Sequential(layers);
        int last = config.StageDim(config.Depths.Length - 1);
        norm = nn.LayerNorm(last, eps: 1e-5);
        avgpool = nn.AdaptiveAvgPool3d(1);
        head = nn.Linear(last, config.Classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = norm.call(features.call(pos_drop.call(patch_embed.call(input))));
        // Back to channels-first for the pool, as torchvision does: avgpool gives (B, C, 1, 1, 1).
        var pooled = avgpool.call(x.permute(0, 4, 1, 2, 3)).flatten(1);
        return head.call(pooled).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's <c>PatchEmbed3d</c>: the clip zero-padded at the end of T, H and W to multiples of the patch,
/// then <c>proj</c> (a Conv3d whose kernel and stride are the patch), moved channels-last, then <c>norm</c>.</summary>
public sealed class Swin3DPatchEmbed : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Conv3d proj;
    readonly LayerNorm norm;
#pragma warning restore IDE1006
    readonly int[] _patch;

    public Swin3DPatchEmbed(int[] patch, int embed) : base("PatchEmbed3d")
    {
        _patch = patch;
        proj = nn.Conv3d(3, embed, (patch[0], patch[1], patch[2]), stride: (patch[0], patch[1], patch[2]));
        norm = nn.LayerNorm(embed, eps: 1e-5);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long Pad(int axis) => (_patch[axis] - input.shape[2 + axis] % _patch[axis]) % _patch[axis];
        var x = nn.functional.pad(input, [0, Pad(2), 0, Pad(1), 0, Pad(0)]);
        return norm.call(proj.call(x).permute(0, 2, 3, 4, 1)).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's (2-D) <c>PatchMerging</c>, which Swin3D uses as it is: it merges only H and W of (B, T, H, W, C)
/// — an odd H or W zero-padded by one — concatenating the 2×2 neighbours in the order (0,0), (1,0), (0,1), (1,1)
/// (row, column offsets) to 4C channels, then <c>norm</c> and <c>reduction</c> (no bias) to 2C. T is kept.</summary>
public sealed class Swin3DPatchMerging : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly Linear reduction;
    readonly LayerNorm norm;
#pragma warning restore IDE1006

    public Swin3DPatchMerging(int dim) : base("PatchMerging")
    {
        reduction = nn.Linear(4 * dim, 2 * dim, hasBias: false);
        norm = nn.LayerNorm(4 * dim, eps: 1e-5);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long rows = input.dim() - 3, columns = input.dim() - 2;
        var x = nn.functional.pad(input, [0, 0, 0, input.shape[columns] % 2, 0, input.shape[rows] % 2]);
        long h = x.shape[rows], w = x.shape[columns];
        Tensor Quarter(long row, long column) => x.slice(rows, row, h, 2).slice(columns, column, w, 2);
        var merged = cat([Quarter(0, 0), Quarter(1, 0), Quarter(0, 1), Quarter(1, 1)], -1);
        return reduction.call(norm.call(merged)).MoveToOuterDisposeScope();
    }
}
