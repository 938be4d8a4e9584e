using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vjepa2;

/// <summary>Hugging Face's VJEPA2RopeAttention: biased <c>query</c>, <c>key</c>, <c>value</c>, 3-D rotary embeddings on
/// queries and keys, <c>proj</c>. Each head's first three slices of <see cref="Vjepa2Config.RotarySlice"/> channels turn
/// with the token's frame, row and column (ids in (time, row, column) order on the config's grid); the rest of the head
/// is left as is. The angle table is laid out [θ, θ] (concatenated) while the rotated pairs are the interleaved
/// (x₀, x₁), (x₂, x₃)…, exactly as the original's rotate_queries_or_keys, which the checkpoints were trained with.
/// Attention itself is libtorch's scaled_dot_product_attention (scale 1/√head, the original's), which does not hold
/// the tokens² score matrix of a 64-frame clip (8,192 tokens) in memory.</summary>
public sealed class Vjepa2RopeAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear query, key, value, proj;
#pragma warning restore IDE1006
    readonly Vjepa2Config _config;

    public Vjepa2RopeAttention(Vjepa2Config config) : base("RopeAttention")
    {
        _config = config;
        query = nn.Linear(config.Hidden, config.Hidden, hasBias: config.QkvBias);
        key = nn.Linear(config.Hidden, config.Hidden, hasBias: config.QkvBias);
        value = nn.Linear(config.Hidden, config.Hidden, hasBias: config.QkvBias);
        proj = nn.Linear(config.Hidden, config.Hidden);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], tokens = hidden.shape[1];
        int heads = _config.Heads, width = _config.HeadWidth;
        Tensor Heads(Tensor x) => x.view(batch, tokens, heads, width).transpose(1, 2);
        var (frame, row, column) = PositionIds(tokens);
        var k = Rotate(Heads(key.call(hidden)), frame, row, column);
        var q = Rotate(Heads(query.call(hidden)), frame, row, column);
        var context = nn.functional.scaled_dot_product_attention(q, k, Heads(value.call(hidden)));
        return proj.call(context.transpose(1, 2).reshape(batch, tokens, heads * width)).MoveToOuterDisposeScope();
    }

    /// <summary>Frame, row and column of each token id on the config's grid (ids past one clip's frames extrapolate).</summary>
    (Tensor Frame, Tensor Row, Tensor Column) PositionIds(long tokens)
    {
        long perFrame = _config.TokensPerTubelet, grid = _config.Grid;
        var ids = arange(tokens, ScalarType.Int64);
        var frame = ids.div(perFrame, RoundingMode.floor);
        var inFrame = ids - frame * perFrame;
        var row = inFrame.div(grid, RoundingMode.floor);
        return (frame, row, inFrame - row * grid);
    }

    Tensor Rotate(Tensor qk, Tensor frame, Tensor row, Tensor column)
    {
        int slice = _config.RotarySlice;
        var parts = new List<Tensor>
        {
            RotateSlice(qk.narrow(-1, 0, slice), frame),
            RotateSlice(qk.narrow(-1, slice, slice), row),
            RotateSlice(qk.narrow(-1, 2 * slice, slice), column),
        };
        if (3 * slice < _config.HeadWidth) parts.Add(qk.narrow(-1, 3 * slice, _config.HeadWidth - 3 * slice));
        return cat(parts, -1);
    }

    /// <summary>x·cos + rot(x)·sin with angles pos·10000^(−i/(d/2)), i &lt; d/2, in the input's precision.</summary>
    static Tensor RotateSlice(Tensor x, Tensor positions)
    {
        long width = x.shape[^1], half = width / 2;
        var omega = arange(half, x.dtype) / (width / 2.0);
        omega = 1.0 / pow(10000.0, omega);
        var angles = positions.unsqueeze(-1).to(x.dtype) * omega; // (N, d/2)
        var sin = angles.sin().repeat(1, 2);
        var cos = angles.cos().repeat(1, 2);
        var pairs = x.unflatten(x.dim() - 1, [half, 2]); // TorchSharp's unflatten takes no negative axis
        var rotated = stack([-pairs.select(-1, 1), pairs.select(-1, 0)], -1).flatten(-2);
        return x * cos + rotated * sin;
    }
}
