using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Timesformer;

/// <summary>TimesformerPatchEmbeddings: <c>projection</c> Conv2d (kernel = stride = patch) on every frame.</summary>
public sealed class TimesformerPatchEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Conv2d projection;
#pragma warning restore IDE1006

    public TimesformerPatchEmbeddings(TimesformerConfig config) : base("PatchEmbeddings")
    {
        projection = nn.Conv2d(config.Channels, config.Hidden, config.Patch, stride: config.Patch);
        RegisterComponents();
    }

    public override Tensor forward(Tensor frames)
    {
        using var scope = NewDisposeScope();
        return projection.call(frames).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>TimesformerEmbeddings: each frame's patches with the class token and <c>position_embeddings</c>, then per
/// patch position the <c>time_embeddings</c> over frames; tokens [class, (patch, frame)…]. Clips must have the config's
/// frame count and size (the tables are not interpolated).</summary>
public sealed class TimesformerEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module and parameter names
    readonly Parameter cls_token, position_embeddings, time_embeddings;
    readonly TimesformerPatchEmbeddings patch_embeddings;
#pragma warning restore IDE1006

    public TimesformerEmbeddings(TimesformerConfig config) : base("Embeddings")
    {
        cls_token = nn.Parameter(zeros(1, 1, config.Hidden));
        position_embeddings = nn.Parameter(zeros(1, config.Patches + 1, config.Hidden));
        time_embeddings = nn.Parameter(zeros(1, config.Frames, config.Hidden));
        patch_embeddings = new TimesformerPatchEmbeddings(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        long batch = clips.shape[0], frames = clips.shape[1];
        if (frames != time_embeddings.shape[1])
            throw new ArgumentException($"TimeSformer's time table is for {time_embeddings.shape[1]} frames; this clip has {frames}.");
        var tokens = patch_embeddings.call(clips.flatten(0, 1));
        long patches = tokens.shape[1], width = tokens.shape[2];
        tokens = cat([cls_token.expand(batch * frames, -1, -1), tokens], 1) + position_embeddings;
        var cls = tokens.narrow(0, 0, batch).narrow(1, 0, 1);
        var perPatch = tokens.narrow(1, 1, patches).reshape(batch, frames, patches, width).transpose(1, 2).reshape(batch * patches, frames, width);
        var timed = (perPatch + time_embeddings).reshape(batch, patches * frames, width);
        return cat([cls, timed], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// TimeSformer (Hugging Face's TimesformerModel), module for module: <c>embeddings</c>, <c>encoder.layer.N</c>
/// (<see cref="TimesformerLayer"/>), <c>layernorm</c>. Input (B, T, C, H, W) clips; output the final LayerNorm's tokens.
/// </summary>
public sealed class TimesformerModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly TimesformerEmbeddings embeddings;
    readonly TimesformerEncoder encoder;
    readonly LayerNorm layernorm;
#pragma warning restore IDE1006

    public TimesformerModel(TimesformerConfig config) : base("TimesformerModel")
    {
        embeddings = new TimesformerEmbeddings(config);
        encoder = new TimesformerEncoder(config);
        layernorm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        return layernorm.call(encoder.call(embeddings.call(clips))).MoveToOuterDisposeScope();
    }
}

/// <summary>TimesformerEncoder: <c>layer.0 … layer.N−1</c>.</summary>
public sealed class TimesformerEncoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly ModuleList<TimesformerLayer> layer;
#pragma warning restore IDE1006

    public TimesformerEncoder(TimesformerConfig config) : base("Encoder")
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new TimesformerLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        foreach (var block in layer) hidden = block.call(hidden);
        return hidden.MoveToOuterDisposeScope();
    }
}
