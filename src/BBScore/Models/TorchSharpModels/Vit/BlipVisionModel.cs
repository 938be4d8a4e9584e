using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>BlipVisionEmbeddings: <c>patch_embedding</c> (Conv2d, stride = kernel = patch), <c>class_embedding</c> in
/// front, plus the learned <c>position_embedding</c>. Only the config's input size is accepted (the preprocessing
/// resizes to it): Hugging Face would add the first positions of a shorter sequence, which no published model uses.</summary>
public sealed class BlipVisionEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module and parameter names
    readonly Parameter class_embedding, position_embedding;
    readonly Conv2d patch_embedding;
#pragma warning restore IDE1006

    public BlipVisionEmbeddings(VitConfig config) : base("BlipVisionEmbeddings")
    {
        class_embedding = nn.Parameter(zeros(1, 1, config.Hidden));
        patch_embedding = nn.Conv2d(config.Channels, config.Hidden, config.Patch, stride: config.Patch);
        position_embedding = nn.Parameter(zeros(1, config.Tokens, config.Hidden));
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var patches = patch_embedding.call(pixels).flatten(2).transpose(1, 2);
        var tokens = cat([class_embedding.expand(patches.shape[0], -1, -1), patches], 1);
        if (tokens.shape[1] != position_embedding.shape[1])
            throw new ArgumentException($"the input makes {tokens.shape[1]} tokens but BLIP's position embeddings have {position_embedding.shape[1]}; " +
                                        "feed the image size of the model's config (384 for the published models)");
        return (tokens + position_embedding).MoveToOuterDisposeScope();
    }
}

/// <summary>BlipEncoder: <c>layers.0 … layers.N−1</c>, applied in order.</summary>
public sealed class BlipEncoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly ModuleList<BlipEncoderLayer> layers;
#pragma warning restore IDE1006

    public BlipEncoder(VitConfig config) : base("BlipEncoder")
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new BlipEncoderLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in layers) hidden = layer.call(hidden);
        return hidden.MoveToOuterDisposeScope();
    }
}

/// <summary>
/// BLIP's vision tower (BlipVisionModel), as the original runs it: it loads the model with AutoModel and keeps
/// <c>model.vision_model</c>, so module paths start at the tower (<c>embeddings</c>, <c>encoder.layers.11</c>,
/// <c>post_layernorm</c>) and the checkpoint's <c>vision_model.</c> keys load without that prefix. Sizes come from the
/// config's <c>vision_config</c> (<see cref="HfBlipConfig"/>). Forward returns the last hidden state after
/// <c>post_layernorm</c>; Hugging Face calls <c>post_layernorm</c> a second time on the class token for its pooled
/// output, which is not done here, so a hook there sees the whole sequence once.
/// </summary>
public sealed class BlipVisionModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly BlipVisionEmbeddings embeddings;
    readonly BlipEncoder encoder;
    readonly LayerNorm post_layernorm;
#pragma warning restore IDE1006

    public BlipVisionModel(VitConfig config) : base("BlipVisionModel")
    {
        Config = config.Validated();
        embeddings = new BlipVisionEmbeddings(config);
        encoder = new BlipEncoder(config);
        post_layernorm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public VitConfig Config { get; }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return post_layernorm.call(encoder.call(embeddings.call(pixels))).MoveToOuterDisposeScope();
    }
}
