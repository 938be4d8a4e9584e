using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>timm's LayerScale (<c>ls1</c>, <c>ls2</c>): the input times a learned per-channel <c>gamma</c>.</summary>
public sealed class LayerScale : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's parameter name
    readonly Parameter gamma;
#pragma warning restore IDE1006

    public LayerScale(int dim) : base(nameof(LayerScale))
    {
        gamma = nn.Parameter(full(dim, 1e-6f));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input * gamma;
}

/// <summary>timm's Attention: fused biased <c>qkv</c>, scaled dot-product attention over heads, <c>proj</c>;
/// <c>q_norm</c>/<c>k_norm</c> and the dropouts are identities in DeiT III, kept so the module paths exist.</summary>
public sealed class TimmAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly Linear qkv, proj;
    readonly Identity q_norm, k_norm;
    readonly Dropout attn_drop, proj_drop;
#pragma warning restore IDE1006
    readonly int _heads;

    public TimmAttention(int dim, int heads) : base("Attention")
    {
        qkv = nn.Linear(dim, 3 * dim);
        q_norm = nn.Identity();
        k_norm = nn.Identity();
        attn_drop = nn.Dropout(0);
        proj = nn.Linear(dim, dim);
        proj_drop = nn.Dropout(0);
        _heads = heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], tokens = x.shape[1], dim = x.shape[2];
        var parts = qkv.call(x).reshape(batch, tokens, 3, _heads, dim / _heads).permute(2, 0, 3, 1, 4);
        var context = nn.functional.scaled_dot_product_attention(q_norm.call(parts[0]), k_norm.call(parts[1]), parts[2]);
        return proj_drop.call(proj.call(context.transpose(1, 2).reshape(batch, tokens, dim))).MoveToOuterDisposeScope();
    }
}

/// <summary>timm's Mlp: <c>fc1</c>, <c>act</c> (exact GELU), <c>drop1</c>, <c>norm</c> (identity), <c>fc2</c>, <c>drop2</c>.</summary>
public sealed class TimmMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly Linear fc1, fc2;
    readonly GELU act;
    readonly Dropout drop1, drop2;
    readonly Identity norm;
#pragma warning restore IDE1006

    public TimmMlp(int dim, int hidden) : base("Mlp")
    {
        fc1 = nn.Linear(dim, hidden);
        act = nn.GELU();
        drop1 = nn.Dropout(0);
        norm = nn.Identity();
        fc2 = nn.Linear(hidden, dim);
        drop2 = nn.Dropout(0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return drop2.call(fc2.call(norm.call(drop1.call(act.call(fc1.call(x)))))).MoveToOuterDisposeScope();
    }
}

/// <summary>timm's Block: x + ls1(attn(norm1(x))), then + ls2(mlp(norm2(·))); without layer scale (V-JEPA's blocks)
/// there is no <c>ls1</c>/<c>ls2</c>. Drop paths are identities at inference.</summary>
public sealed class TimmBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly LayerNorm norm1, norm2;
    readonly TimmAttention attn;
    readonly LayerScale? ls1, ls2;
    readonly Identity drop_path1, drop_path2;
    readonly TimmMlp mlp;
#pragma warning restore IDE1006

    public TimmBlock(int dim, int heads, bool layerScale = true) : base("Block")
    {
        norm1 = nn.LayerNorm(dim, eps: 1e-6);
        attn = new TimmAttention(dim, heads);
        if (layerScale) ls1 = new LayerScale(dim);
        drop_path1 = nn.Identity();
        norm2 = nn.LayerNorm(dim, eps: 1e-6);
        mlp = new TimmMlp(dim, 4 * dim);
        if (layerScale) ls2 = new LayerScale(dim);
        drop_path2 = nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var attention = attn.call(norm1.call(x));
        var attended = x + drop_path1.call(ls1 is null ? attention : ls1.call(attention));
        var mixed = mlp.call(norm2.call(attended));
        return (attended + drop_path2.call(ls2 is null ? mixed : ls2.call(mixed))).MoveToOuterDisposeScope();
    }
}

/// <summary>timm's PatchEmbed: <c>proj</c> (Conv2d, kernel = stride = patch), flattened to tokens; <c>norm</c> identity.</summary>
public sealed class TimmPatchEmbed : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module names
    readonly Conv2d proj;
    readonly Identity norm;
#pragma warning restore IDE1006

    public TimmPatchEmbed(int patch, int dim) : base("PatchEmbed")
    {
        proj = nn.Conv2d(3, dim, patch, stride: patch);
        norm = nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return norm.call(proj.call(images).flatten(2).transpose(1, 2)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// timm's DeiT III (<c>deit3_{small,base,large}_patch16_224</c>: VisionTransformer with <c>no_embed_class=True</c> and
/// layer scale), module for module so a timm state dict loads by name and <c>blocks.N</c>, <c>norm</c>, <c>fc_norm</c>,
/// <c>head</c> are the layers users name: <c>patch_embed</c>, position embeddings for the patches only (added before
/// the class token is prepended), <c>blocks</c>, <c>norm</c>, then the class token through <c>fc_norm</c> (identity
/// with token pooling) and <c>head</c>. Input 224×224 (the position table is fixed at 14×14 patches).
/// </summary>
public sealed class DeiT3 : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's module and parameter names
    readonly Parameter cls_token, pos_embed;
    readonly TimmPatchEmbed patch_embed;
    readonly Dropout pos_drop;
    readonly Identity patch_drop, norm_pre, fc_norm;
    readonly Sequential blocks;
    readonly LayerNorm norm;
    readonly Dropout head_drop;
    readonly Linear head;
#pragma warning restore IDE1006

    public static DeiT3 Small(int classes) => new(384, 12, 6, classes);

    public static DeiT3 Base(int classes) => new(768, 12, 12, classes);

    public static DeiT3 Large(int classes) => new(1024, 24, 16, classes);

    public DeiT3(int dim, int depth, int heads, int classes, int patch = 16, int imageSize = 224) : base(nameof(DeiT3))
    {
        int patches = imageSize / patch * (imageSize / patch);
        cls_token = nn.Parameter(zeros(1, 1, dim));
        pos_embed = nn.Parameter(randn(1, patches, dim) * 0.02);
        patch_embed = new TimmPatchEmbed(patch, dim);
        pos_drop = nn.Dropout(0);
        patch_drop = nn.Identity();
        norm_pre = nn.Identity();
        blocks = nn.Sequential(Enumerable.Range(0, depth).Select(_ => (nn.Module<Tensor, Tensor>)new TimmBlock(dim, heads)).ToArray());
        norm = nn.LayerNorm(dim, eps: 1e-6);
        fc_norm = nn.Identity();
        head_drop = nn.Dropout(0);
        head = nn.Linear(dim, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var tokens = patch_embed.call(images) + pos_embed;
        var x = cat([cls_token.expand(tokens.shape[0], -1, -1), tokens], 1);
        x = norm.call(blocks.call(norm_pre.call(patch_drop.call(pos_drop.call(x)))));
        return head.call(head_drop.call(fc_norm.call(x.select(1, 0)))).MoveToOuterDisposeScope();
    }
}
