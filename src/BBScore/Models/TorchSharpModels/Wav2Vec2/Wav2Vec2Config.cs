namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>How the convolutional feature encoder normalises: wav2vec2-base, -large and hubert-base put one GroupNorm
/// (a group per channel) after the first convolution only; the "layer" models (hubert-large, -xlarge, the lv60
/// wav2vec2s) a LayerNorm over the channels after every convolution.</summary>
public enum FeatureEncoderNorm { Group, Layer }

/// <summary>The sizes of a Hugging Face <c>Wav2Vec2Model</c> or <c>HubertModel</c>, as its <c>config.json</c> names them.</summary>
/// <param name="ConvDims">Output channels of each feature-encoder convolution (<c>conv_dim</c>).</param>
/// <param name="ConvKernels">Their kernel sizes (<c>conv_kernel</c>).</param>
/// <param name="ConvStrides">Their strides (<c>conv_stride</c>).</param>
/// <param name="ConvBias">Whether the feature-encoder convolutions have biases (<c>conv_bias</c>).</param>
/// <param name="StableLayerNorm">Pre-norm encoder layers with the encoder's LayerNorm after them
/// (<c>do_stable_layer_norm</c>); otherwise post-norm layers with it before them.</param>
/// <param name="PositionKernel">The positional convolution's kernel (<c>num_conv_pos_embeddings</c>).</param>
/// <param name="PositionGroups">Its groups (<c>num_conv_pos_embedding_groups</c>).</param>
/// <param name="ProjectionLayerNorm">The feature projection's LayerNorm (always in wav2vec2; HuBERT's
/// <c>feat_proj_layer_norm</c>).</param>
/// <param name="MaskEmbedding">Whether the model has <c>masked_spec_embed</c> (Hugging Face creates it when
/// <c>mask_time_prob</c> or <c>mask_feature_prob</c> is positive); used in training only, loaded so the count and the
/// strict load match the published model.</param>
public sealed record Wav2Vec2Config(
    int[] ConvDims, int[] ConvKernels, int[] ConvStrides, bool ConvBias, FeatureEncoderNorm FeatureNorm,
    int Hidden, int Layers, int Heads, int Intermediate, bool StableLayerNorm,
    int PositionKernel, int PositionGroups, double LayerNormEps, bool ProjectionLayerNorm = true, bool MaskEmbedding = true)
{
    /// <summary>The checks Hugging Face's config makes, so a malformed file fails here and not deep in a forward pass.</summary>
    public Wav2Vec2Config Validated()
    {
        if (ConvDims.Length == 0 || ConvDims.Length != ConvKernels.Length || ConvDims.Length != ConvStrides.Length)
            throw new ArgumentException($"conv_dim, conv_kernel and conv_stride must have the same non-zero length (got {ConvDims.Length}, {ConvKernels.Length}, {ConvStrides.Length}).");
        if (Hidden % Heads != 0) throw new ArgumentException($"hidden_size {Hidden} is not a multiple of num_attention_heads {Heads}.");
        if (Hidden % PositionGroups != 0)
            throw new ArgumentException($"hidden_size {Hidden} is not a multiple of num_conv_pos_embedding_groups {PositionGroups}.");
        return this;
    }
}
