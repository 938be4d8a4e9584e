using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Hugging Face's patch embedding: <c>projection</c>, a Conv2d (images, NCHW) or Conv3d (video, input
/// (B, T, C, H, W) as VideoMAE takes it) with stride = kernel = patch (× tubelet), flattened to (B, tokens, hidden).</summary>
public sealed class VitPatchEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly nn.Module<Tensor, Tensor> projection;
#pragma warning restore IDE1006
    readonly bool _video;

    public VitPatchEmbeddings(VitConfig config) : base("PatchEmbeddings")
    {
        _video = config.IsVideo;
        projection = _video
            ? nn.Conv3d(config.Channels, config.Hidden, (config.Tubelet, config.Patch, config.Patch), stride: (config.Tubelet, config.Patch, config.Patch))
            : nn.Conv2d(config.Channels, config.Hidden, config.Patch, stride: config.Patch);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var input = _video ? pixels.permute(0, 2, 1, 3, 4) : pixels;
        return projection.call(input).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>Hugging Face's embeddings: patch tokens, the class token (<c>cls_token</c>) in front when the model has
/// one, plus <c>position_embeddings</c> — a parameter, or VideoMAE's fixed sinusoid table (a non-persistent buffer,
/// as the original keeps it outside the state dict). DINOv2's learned grid is resized to another input size
/// (<see cref="PositionGrid"/>). Dropout is the identity at inference.</summary>
public sealed class VitEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module and parameter names
    readonly Parameter? cls_token;
    readonly Parameter? position_embeddings;
    readonly VitPatchEmbeddings patch_embeddings;
#pragma warning restore IDE1006
    readonly Tensor? _fixedPositions;
    readonly bool _interpolate;
    readonly int _patch;

    public VitEmbeddings(VitConfig config) : base("Embeddings")
    {
        (_interpolate, _patch) = (config.InterpolatePositions, config.Patch);
        if (config.ClassToken) cls_token = nn.Parameter(zeros(1, 1, config.Hidden));
        patch_embeddings = new VitPatchEmbeddings(config);
        if (config.Positions == VitPositions.Learned) position_embeddings = nn.Parameter(zeros(1, config.Tokens, config.Hidden));
        RegisterComponents();
        // Assigned after RegisterComponents, which would register a tensor field as a persistent buffer.
        if (config.Positions == VitPositions.Sinusoidal)
        {
            _fixedPositions = SinusoidTable(config.Tokens, config.Hidden);
            register_buffer("position_embeddings", _fixedPositions, persistent: false);
        }
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var tokens = patch_embeddings.call(pixels);
        if (cls_token is not null) tokens = cat([cls_token.expand(tokens.shape[0], -1, -1), tokens], 1);
        var positions = (Tensor?)position_embeddings ?? _fixedPositions!;
        long height = pixels.shape[^2], width = pixels.shape[^1];
        // As DINOv2's interpolate_pos_encoding: the grid is kept only for a square input of the config's token count.
        if (_interpolate && (positions.shape[1] != tokens.shape[1] || height != width))
            positions = PositionGrid.Resized(positions, cls_token is not null, _patch, height, width);
        else if (positions.shape[1] != tokens.shape[1])
            throw new ArgumentException($"the input makes {tokens.shape[1]} tokens but the position embeddings have {positions.shape[1]}; " +
                                        "feed the image size (and frame count) of the model's config");
        return (tokens + positions.to(tokens.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>VideoMAE's <c>get_sinusoid_encoding_table</c>: angle pos / 10000^(2⌊j/2⌋/d), sine on even j, cosine on
    /// odd, computed in float64 as numpy does and stored as float32.</summary>
    public static Tensor SinusoidTable(int positions, int width)
    {
        var table = new float[positions * width];
        for (int p = 0; p < positions; p++)
            for (int j = 0; j < width; j++)
            {
                double angle = p / Math.Pow(10000, 2.0 * (j / 2) / width);
                table[p * width + j] = (float)(j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        return tensor(table, [1, positions, width]);
    }
}
