using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>Wav2Vec2FeatureProjection (HubertFeatureProjection): <c>layer_norm</c> (HuBERT: when
/// <c>feat_proj_layer_norm</c>) over the conv channels, <c>projection</c> to the hidden size, <c>dropout</c>. Hugging
/// Face's wav2vec2 version also returns the normed input; hooks read element 0, the projection, which this returns.</summary>
public sealed class Wav2Vec2FeatureProjection : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly LayerNorm? layer_norm;
    readonly Linear projection;
    readonly Dropout dropout;
#pragma warning restore IDE1006

    public Wav2Vec2FeatureProjection(Wav2Vec2Config config) : base("Wav2Vec2FeatureProjection")
    {
        int channels = config.ConvDims[^1];
        if (config.ProjectionLayerNorm) layer_norm = nn.LayerNorm(channels, eps: config.LayerNormEps);
        projection = nn.Linear(channels, config.Hidden);
        dropout = nn.Dropout(0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var normed = layer_norm is null ? features : layer_norm.call(features);
        return dropout.call(projection.call(normed)).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2Encoder / Wav2Vec2EncoderStableLayerNorm: x + pos_conv_embed(x), then the encoder's
/// <c>layer_norm</c> before the layers (post-norm layers) or after them (stable, pre-norm layers).</summary>
public sealed class Wav2Vec2Encoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Wav2Vec2PositionalConvEmbedding pos_conv_embed;
    readonly LayerNorm layer_norm;
    readonly Dropout dropout;
    readonly ModuleList<Wav2Vec2EncoderLayer> layers = new();
#pragma warning restore IDE1006
    readonly bool _stable;

    public Wav2Vec2Encoder(Wav2Vec2Config config) : base("Wav2Vec2Encoder")
    {
        pos_conv_embed = new Wav2Vec2PositionalConvEmbedding(config);
        layer_norm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        dropout = nn.Dropout(0);
        for (int i = 0; i < config.Layers; i++) layers.Add(new Wav2Vec2EncoderLayer(config));
        _stable = config.StableLayerNorm;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var x = hidden + pos_conv_embed.call(hidden);
        if (!_stable) x = layer_norm.call(x);
        x = dropout.call(x);
        foreach (var layer in layers) x = layer.call(x);
        if (_stable) x = layer_norm.call(x);
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>Hugging Face's Wav2Vec2Model and HubertModel (the same network; what AutoModel loads for every
/// wav2vec2/HuBERT key, the pre-training and CTC checkpoints included): a waveform (B, samples) through
/// <c>feature_extractor</c> (B, C, frames), transposed, <c>feature_projection</c>, <c>encoder</c> → (B, frames, hidden).
/// Module paths are Hugging Face's (<c>encoder.layers.N</c>, <c>feature_extractor.conv_layers.N</c>).</summary>
public sealed class Wav2Vec2Model : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module and parameter names
    readonly Wav2Vec2FeatureEncoder feature_extractor;
    readonly Wav2Vec2FeatureProjection feature_projection;
    readonly Parameter? masked_spec_embed;
    readonly Wav2Vec2Encoder encoder;
#pragma warning restore IDE1006

    public Wav2Vec2Model(Wav2Vec2Config config) : base("Wav2Vec2Model")
    {
        feature_extractor = new Wav2Vec2FeatureEncoder(config);
        feature_projection = new Wav2Vec2FeatureProjection(config);
        // Replaces masked frames in training only; kept as a parameter so the network is the published one.
        if (config.MaskEmbedding) masked_spec_embed = nn.Parameter(zeros(config.Hidden));
        encoder = new Wav2Vec2Encoder(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var features = feature_extractor.call(waveform).transpose(1, 2);
        return encoder.call(feature_projection.call(features)).MoveToOuterDisposeScope();
    }
}
