using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>V-JEPA's PatchEmbed3D: one Conv3d <c>proj</c>, kernel = stride = (tubelet, patch, patch), on (B, C, T, H, W);
/// tokens in (time, row, column) order.</summary>
public sealed class VJepaPatchEmbed : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // jepa's module name
    readonly Conv3d proj;
#pragma warning restore IDE1006

    public VJepaPatchEmbed(int dim, int patch, int tubelet) : base("PatchEmbed3D")
    {
        proj = nn.Conv3d(3, dim, kernel_size: (tubelet, patch, patch), stride: (tubelet, patch, patch));
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        return proj.call(clips).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// V-JEPA's video encoder (facebookresearch/jepa <c>vision_transformer.VisionTransformer</c>), module for module so the
/// published checkpoints' <c>encoder</c> (keys <c>module.backbone.…</c>) loads by name: <c>patch_embed</c>, the stored
/// 3-D sin-cos table <c>pos_embed</c> added (no class token), <c>blocks.N</c> (timm's block without layer scale, LayerNorm
/// eps 1e-6), <c>norm</c>. Input (B, C, T, H, W) at the size the table was made for (16 × 224 × 224 for the published
/// ViT-L/H: 1,568 tokens).
/// </summary>
public sealed class VJepa : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // jepa's module and parameter names
    readonly VJepaPatchEmbed patch_embed;
    readonly Parameter pos_embed;
    readonly Sequential blocks;
    readonly LayerNorm norm;
#pragma warning restore IDE1006

    /// <summary>jepa's <c>vit_large</c> (1024 wide, 24 blocks, 16 heads) for 16 frames of 224² with tubelet 2, patch 16.</summary>
    public static VJepa Large() => new(1024, 24, 16);

    /// <summary>jepa's <c>vit_huge</c> (1280 wide, 32 blocks, 16 heads). The original builds vit_large for this key
    /// too, and its load of ViT-H weights into it fails; here each key gets its own architecture.</summary>
    public static VJepa Huge() => new(1280, 32, 16);

    public VJepa(int dim, int depth, int heads, int patch = 16, int tubelet = 2, int frames = 16, int imageSize = 224) : base("VisionTransformer")
    {
        int tokens = frames / tubelet * (imageSize / patch) * (imageSize / patch);
        patch_embed = new VJepaPatchEmbed(dim, patch, tubelet);
        pos_embed = nn.Parameter(zeros(1, tokens, dim), requires_grad: false);
        blocks = nn.Sequential(Enumerable.Range(0, depth).Select(_ => (nn.Module<Tensor, Tensor>)new TimmBlock(dim, heads, layerScale: false)).ToArray());
        norm = nn.LayerNorm(dim, eps: 1e-6);
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        var tokens = patch_embed.call(clips);
        if (tokens.shape[1] != pos_embed.shape[1])
            throw new ArgumentException(
                $"V-JEPA's position table is for {pos_embed.shape[1]} tokens; this clip gives {tokens.shape[1]} (the clip must have the model's frame count and size).");
        return norm.call(blocks.call(tokens + pos_embed)).MoveToOuterDisposeScope();
    }
}
