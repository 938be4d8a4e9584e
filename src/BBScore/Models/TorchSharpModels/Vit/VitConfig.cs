namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>How a transformer's query/key/value projections carry biases: <see cref="PerProjection"/> as Hugging
/// Face ViT (each Linear has its bias); <see cref="QueryValueOnly"/> as VideoMAE (the Linears have none, separate
/// <c>q_bias</c> and <c>v_bias</c> parameters, the key's bias zero); <see cref="None"/>.</summary>
public enum VitQkvBias { PerProjection, QueryValueOnly, None }

/// <summary>Position embeddings: <see cref="Learned"/> (a parameter, the class token's included) or
/// <see cref="Sinusoidal"/> (VideoMAE's fixed table, not in the checkpoint).</summary>
public enum VitPositions { Learned, Sinusoidal }

/// <summary>The block of the encoder: <see cref="Vit"/> as ViT/VideoMAE/ViT-MAE/I-JEPA (<c>layernorm_before</c>,
/// <c>attention</c>, <c>layernorm_after</c>, <c>intermediate</c>, <c>output</c>); <see cref="Dinov2"/> as DINOv2
/// (<c>norm1</c>, <c>attention</c>, <c>layer_scale1</c>, <c>norm2</c>, <c>mlp</c> with <c>fc1</c>/<c>fc2</c>,
/// <c>layer_scale2</c>); <see cref="Dinov2SwiGlu"/> the same with DINOv2-giant's SwiGLU <c>mlp</c>
/// (<c>weights_in</c>/<c>weights_out</c>).</summary>
public enum VitBlock { Vit, Dinov2, Dinov2SwiGlu }

/// <summary>One Vision Transformer of the Hugging Face layout, from its published config: width, depth, heads, MLP
/// size, patch (and for video the tubelet: frames per token), input size. <paramref name="Prefix"/> is the module
/// the backbone sits under (<c>vit</c> for ViTForImageClassification, empty for VideoMAEModel), so module paths and
/// state-dict keys are Hugging Face's. <paramref name="Classes"/> &gt; 0 adds <c>classifier</c> on the class token.
/// <paramref name="Mlp"/> is the width inside the MLP (for SwiGLU: the width after the gate, as Dinov2SwiGLUFFN computes
/// it). <paramref name="InterpolatePositions"/>: an input of another size than <paramref name="ImageSize"/> gets the
/// learned position grid resized bicubically (DINOv2's <c>interpolate_pos_encoding</c>); otherwise it is refused.</summary>
public sealed record VitConfig(
    int Hidden, int Layers, int Heads, int Mlp, int Patch, int ImageSize,
    int Channels = 3, int Tubelet = 0, int Frames = 0,
    bool ClassToken = true, VitPositions Positions = VitPositions.Learned, VitQkvBias QkvBias = VitQkvBias.PerProjection,
    double LayerNormEps = 1e-12, bool FinalLayerNorm = true, int Classes = 0, string Prefix = "vit",
    VitBlock Block = VitBlock.Vit, bool InterpolatePositions = false)
{
    public bool IsVideo => Tubelet > 0;

    /// <summary>Patch tokens: (size / patch)² per image, times frames / tubelet for video.</summary>
    public int PatchTokens => (ImageSize / Patch) * (ImageSize / Patch) * (IsVideo ? Frames / Tubelet : 1);

    /// <summary>Tokens in a layer's output: the patches and the class token when there is one.</summary>
    public int Tokens => PatchTokens + (ClassToken ? 1 : 0);

    /// <summary>Checks what the published configs guarantee, so a bad config fails here and not inside a matmul.</summary>
    public VitConfig Validated()
    {
        if (Hidden <= 0 || Layers <= 0 || Heads <= 0 || Mlp <= 0 || Patch <= 0 || ImageSize <= 0 || Channels <= 0)
            throw new ArgumentException($"ViT config has a non-positive size: {this}");
        if (Hidden % Heads != 0) throw new ArgumentException($"ViT config: hidden size {Hidden} is not a multiple of {Heads} heads.");
        if (ImageSize % Patch != 0) throw new ArgumentException($"ViT config: image size {ImageSize} is not a multiple of the patch size {Patch}.");
        if (IsVideo && (Frames <= 0 || Frames % Tubelet != 0))
            throw new ArgumentException($"ViT config: {Frames} frames are not a positive multiple of the tubelet size {Tubelet}.");
        if (InterpolatePositions && (IsVideo || Positions != VitPositions.Learned))
            throw new ArgumentException("ViT config: only learned image position embeddings are interpolated.");
        return this;
    }

    /// <summary>google/vit-base-patch16-224 (ViTForImageClassification, 1000 classes).</summary>
    public static VitConfig VitBase16 => new(768, 12, 12, 3072, 16, 224, Classes: 1000);

    /// <summary>MCG-NJU/videomae-base as VideoMAEModel: 16 frames, tubelet 2, patch 16, fixed sinusoidal positions,
    /// q/v biases, mean pooling instead of a final LayerNorm.</summary>
    public static VitConfig VideoMaeBase => new(768, 12, 12, 3072, 16, 224, Tubelet: 2, Frames: 16, ClassToken: false,
        Positions: VitPositions.Sinusoidal, QkvBias: VitQkvBias.QueryValueOnly, FinalLayerNorm: false, Prefix: "");
}
