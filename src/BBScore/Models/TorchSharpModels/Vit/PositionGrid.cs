using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Hugging Face DINOv2's <c>interpolate_pos_encoding</c>, for inputs of another size than the config's
/// (DINOv2 is published at 518 px and the original feeds it 224 px crops): the class token's position is kept, the
/// square grid of patch positions is resized to (height / patch, width / patch) bicubically (align_corners false,
/// no antialiasing) in float32. The size is given as a size, not a scale factor: transformers since 4.45, which the
/// original's unpinned <c>transformers</c> requirement installs (earlier releases passed
/// <c>scale_factor = (n + 0.1) / √N</c>, which samples at slightly other points).</summary>
public static class PositionGrid
{
    /// <param name="positions">(1, [1 +] N, D): the class token's position first when <paramref name="classToken"/>.</param>
    public static Tensor Resized(Tensor positions, bool classToken, int patch, long height, long width)
    {
        using var scope = NewDisposeScope();
        long leading = classToken ? 1 : 0, grid = positions.shape[1] - leading, dim = positions.shape[2];
        long side = (long)Math.Sqrt(grid);
        if (side * side != grid)
            throw new InvalidOperationException($"the position embeddings hold {grid} patch positions, not a square grid; they cannot be interpolated.");
        var patches = positions[.., (int)leading..].reshape(1, side, side, dim).permute(0, 3, 1, 2).to(ScalarType.Float32);
        var resized = nn.functional.interpolate(patches, size: [height / patch, width / patch], mode: InterpolationMode.Bicubic, align_corners: false)
            .to(positions.dtype).permute(0, 2, 3, 1).reshape(1, -1, dim);
        var result = classToken ? cat([positions[.., ..1], resized], 1) : resized;
        return result.MoveToOuterDisposeScope();
    }
}
