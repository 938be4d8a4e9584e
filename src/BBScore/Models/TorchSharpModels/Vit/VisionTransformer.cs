using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Hugging Face's encoder: <c>layer.0 … layer.N−1</c> (ViT's or DINOv2's block, as the config says), applied
/// in order.</summary>
public sealed class VitEncoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly ModuleList<nn.Module<Tensor, Tensor>> layer;
#pragma warning restore IDE1006

    public VitEncoder(VitConfig config) : base("Encoder")
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => Block(config)).ToArray());
        RegisterComponents();
    }

    static nn.Module<Tensor, Tensor> Block(VitConfig config) =>
        config.Block == VitBlock.Vit ? new VitLayer(config) : new Dinov2Layer(config);

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        foreach (var block in layer) hidden = block.call(hidden);
        return hidden.MoveToOuterDisposeScope();
    }
}

/// <summary>The backbone (ViTModel / VideoMAEModel / ViTMAEModel / IJepaModel / Dinov2Model without pooler):
/// <c>embeddings</c>, <c>encoder</c>, and <c>layernorm</c> when the config has a final norm (VideoMAE with mean pooling has none).</summary>
public sealed class VitBackbone : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly VitEmbeddings embeddings;
    readonly VitEncoder encoder;
    readonly LayerNorm? layernorm;
#pragma warning restore IDE1006

    public VitBackbone(VitConfig config) : base("Backbone")
    {
        embeddings = new VitEmbeddings(config);
        encoder = new VitEncoder(config);
        if (config.FinalLayerNorm) layernorm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var hidden = encoder.call(embeddings.call(pixels));
        return (layernorm is null ? hidden : layernorm.call(hidden)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The Vision Transformer family in Hugging Face's module layout, built from a <see cref="VitConfig"/>: ViT
/// (ViTForImageClassification: the backbone under <c>vit</c>, <c>classifier</c> on the class token), VideoMAE
/// (VideoMAEModel: the backbone at the top, tubelet embedding, fixed sinusoidal positions), ViT-MAE's encoder (under
/// <c>vit</c>, no head), I-JEPA (IJepaModel: no class token) and DINOv2 (Dinov2Model: its own block, the position grid
/// resized to the input). BLIP's vision tower, named differently throughout, is <see cref="BlipVisionModel"/>. Module paths and
/// state-dict keys are the published checkpoints', so <c>encoder.layer.11</c> (or <c>vit.encoder.layer.11</c>) is
/// the layer users name. Forward returns the logits when there is a classifier, else the last hidden state.
/// Input: (B, C, H, W) images, or (B, T, C, H, W) clips for video configs.
/// </summary>
public sealed class VisionTransformer : nn.Module<Tensor, Tensor>
{
    readonly VitBackbone _backbone;
    readonly Linear? _classifier;

    public VisionTransformer(VitConfig config) : base("VisionTransformer")
    {
        Config = config.Validated();
        _backbone = new VitBackbone(config);
        // Registered by hand: the backbone's name is the config's prefix (empty: its modules sit at the top).
        if (config.Prefix.Length == 0)
            foreach (var (name, child) in _backbone.named_children()) register_module(name, child);
        else
            register_module(config.Prefix, _backbone);
        if (config.Classes > 0)
        {
            _classifier = nn.Linear(config.Hidden, config.Classes);
            register_module("classifier", _classifier);
        }
    }

    public VitConfig Config { get; }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var hidden = _backbone.call(pixels);
        var result = _classifier is null ? hidden : _classifier.call(hidden.select(1, 0));
        return result.MoveToOuterDisposeScope();
    }
}
