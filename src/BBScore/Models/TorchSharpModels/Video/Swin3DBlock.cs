using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>torchvision's <c>SwinTransformerBlock</c> with <c>ShiftedWindowAttention3d</c> on channels-last
/// (B, T, H, W, C): x + attn(norm1(x)), then x + mlp(norm2(x)); <c>mlp</c> is torchvision's <c>MLP</c> (Linear to
/// ratio·C, GELU, Dropout, Linear back, Dropout: keys <c>mlp.0</c>, <c>mlp.3</c>). <c>stochastic_depth</c> is the
/// identity at inference; it is called after the attention and after the MLP as torchvision calls it, so a hook on it
/// keeps the second (the MLP branch's) output, as torch's would.</summary>
public sealed class Swin3DBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly LayerNorm norm1;
    readonly ShiftedWindowAttention3d attn;
    readonly Identity stochastic_depth;
    readonly LayerNorm norm2;
    readonly Sequential mlp;
#pragma warning restore IDE1006

    public Swin3DBlock(int dim, int heads, int[] window, int[] shift, double mlpRatio) : base("SwinTransformerBlock")
    {
        int hidden = (int)(dim * mlpRatio);
        norm1 = nn.LayerNorm(dim, eps: 1e-5);
        attn = new ShiftedWindowAttention3d(dim, window, shift, heads);
        stochastic_depth = nn.Identity();
        norm2 = nn.LayerNorm(dim, eps: 1e-5);
        mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Dropout(0), nn.Linear(hidden, dim), nn.Dropout(0));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input + stochastic_depth.call(attn.call(norm1.call(input)));
        return (x + stochastic_depth.call(mlp.call(norm2.call(x)))).MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's <c>ShiftedWindowAttention3d</c>: multi-head self-attention inside (t, h, w) windows of
/// (B, T, H, W, C), with a learned bias per head for each 3-D offset between two tokens of a window
/// (<c>relative_position_bias_table</c>, rows indexed by the buffer <c>relative_position_index</c>, which the published
/// state dicts hold too). Per forward, as torchvision: an axis no longer than the window takes the axis as its window
/// and is not shifted; the grid is zero-padded at the end to whole windows; a shifted block rolls the grid back by the
/// shift, masks (−100) attention between tokens from different regions of the rolled grid, and rolls the result
/// forward again; padding is cut off. <c>qkv</c> and <c>proj</c> are applied through their weights
/// (<c>F.linear</c> in torchvision), so, as in torch, hooks on them never fire.</summary>
public sealed class ShiftedWindowAttention3d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module, parameter and buffer names
    readonly Linear qkv;
    readonly Linear proj;
    readonly Parameter relative_position_bias_table;
    readonly Tensor relative_position_index;
#pragma warning restore IDE1006
    readonly long[] _window, _shift;
    readonly int _heads;

    public ShiftedWindowAttention3d(int dim, int[] window, int[] shift, int heads) : base(nameof(ShiftedWindowAttention3d))
    {
        _window = window.Select(w => (long)w).ToArray();
        _shift = shift.Select(s => (long)s).ToArray();
        _heads = heads;
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        relative_position_bias_table = nn.Parameter(zeros((2 * window[0] - 1) * (2 * window[1] - 1) * (2 * window[2] - 1), heads));
        relative_position_index = RelativePositionIndex(_window);
        RegisterComponents(); // registers relative_position_index as a persistent buffer, as torchvision's register_buffer
    }

    /// <summary>(V, V) for a window of V = Wd·Wh·Ww tokens (row-major d, h, w): the table row of the offset from token j
    /// to token i, each axis' difference shifted to start at 0 and the three mixed radix (2Wh−1)(2Ww−1), (2Ww−1), 1.</summary>
    static Tensor RelativePositionIndex(long[] window)
    {
        long volume = window[0] * window[1] * window[2], spanH = 2 * window[1] - 1, spanW = 2 * window[2] - 1;
        var index = new long[volume * volume];
        for (long i = 0; i < volume; i++)
            for (long j = 0; j < volume; j++)
            {
                long dd = i / (window[1] * window[2]) - j / (window[1] * window[2]);
                long dh = i / window[2] % window[1] - j / window[2] % window[1];
                long dw = i % window[2] - j % window[2];
                index[i * volume + j] = (dd + window[0] - 1) * spanH * spanW + (dh + window[1] - 1) * spanW + (dw + window[2] - 1);
            }
        return tensor(index, [volume, volume]);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], channels = input.shape[4];
        long[] size = [input.shape[1], input.shape[2], input.shape[3]];
        long[] window = new long[3], shift = new long[3], padded = new long[3], count = new long[3];
        for (int i = 0; i < 3; i++)
        {
            // An axis no longer than the window: one window along it, no shift.
            (window[i], shift[i]) = size[i] <= _window[i] ? (size[i], 0L) : (_window[i], _shift[i]);
            padded[i] = size[i] + (window[i] - size[i] % window[i]) % window[i];
            count[i] = padded[i] / window[i];
        }
        long volume = window[0] * window[1] * window[2], windows = count[0] * count[1] * count[2];
        bool shifted = shift.Sum() > 0;

        var x = nn.functional.pad(input, [0, 0, 0, padded[2] - size[2], 0, padded[1] - size[1], 0, padded[0] - size[0]]);
        if (shifted) x = x.roll([-shift[0], -shift[1], -shift[2]], [1, 2, 3]);
        x = x.view(batch, count[0], window[0], count[1], window[1], count[2], window[2], channels)
            .permute(0, 1, 3, 5, 2, 4, 6, 7).reshape(batch * windows, volume, channels);

        long headDim = channels / _heads;
        var parts = nn.functional.linear(x, qkv.weight!, qkv.bias).reshape(batch * windows, volume, 3, _heads, headDim).permute(2, 0, 3, 1, 4);
        var q = parts[0] * Math.Pow(headDim, -0.5);
        var attention = q.matmul(parts[1].transpose(-2, -1)) + PositionBias(volume);
        if (shifted)
            attention = (attention.view(batch, windows, _heads, volume, volume) + ShiftMask(padded, window, shift, x).unsqueeze(1).unsqueeze(0))
                .view(-1, _heads, volume, volume);
        x = attention.softmax(-1).matmul(parts[2]).transpose(1, 2).reshape(batch * windows, volume, channels);
        x = nn.functional.linear(x, proj.weight!, proj.bias);

        x = x.view(batch, count[0], count[1], count[2], window[0], window[1], window[2], channels)
            .permute(0, 1, 4, 2, 5, 3, 6, 7).reshape(batch, padded[0], padded[1], padded[2], channels);
        if (shifted) x = x.roll([shift[0], shift[1], shift[2]], [1, 2, 3]);
        return x.narrow(1, 0, size[0]).narrow(2, 0, size[1]).narrow(3, 0, size[2]).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>(1, heads, V, V). For a window smaller than the configured one torchvision takes the top-left V×V block of
    /// the configured window's index (not the index of the smaller window); so does this, to give its numbers.</summary>
    Tensor PositionBias(long volume)
    {
        var index = relative_position_index.narrow(0, 0, volume).narrow(1, 0, volume).flatten();
        return relative_position_bias_table.index_select(0, index).view(volume, volume, -1).permute(2, 0, 1).unsqueeze(0);
    }

    /// <summary>(windows, V, V): 0 between two tokens of a window that came from the same region of the rolled grid,
    /// −100 otherwise. torchvision labels the regions by assigning a count to the slices [0, −w), [−w, −s), [−s, ∞) of
    /// each axis in turn; a position's region along an axis is thus the last of those (Python) slices that holds it. With
    /// s = 0 the last slice is the whole axis, so that axis has one region.</summary>
    static Tensor ShiftMask(long[] padded, long[] window, long[] shift, Tensor like)
    {
        int Region(int axis, long position)
        {
            long n = padded[axis], w = window[axis], s = shift[axis];
            // Python's slice bounds: −k is n − k, and −0 is 0.
            (long Start, long End)[] slices = [(0, n - w), (n - w, s == 0 ? 0 : n - s), (s == 0 ? 0 : n - s, n)];
            int region = -1;
            for (int k = 0; k < 3; k++)
                if (position >= slices[k].Start && position < slices[k].End) region = k;
            return region;
        }
        var labels = new float[padded[0] * padded[1] * padded[2]];
        for (long d = 0, at = 0; d < padded[0]; d++)
            for (long h = 0; h < padded[1]; h++)
                for (long w = 0; w < padded[2]; w++, at++)
                    labels[at] = 9 * Region(0, d) + 3 * Region(1, h) + Region(2, w);
        long volume = window[0] * window[1] * window[2];
        var grid = tensor(labels, dtype: like.dtype, device: like.device)
            .view(padded[0] / window[0], window[0], padded[1] / window[1], window[1], padded[2] / window[2], window[2])
            .permute(0, 2, 4, 1, 3, 5).reshape(-1, volume);
        var difference = grid.unsqueeze(1) - grid.unsqueeze(2);
        return where(difference.ne(0), full_like(difference, -100.0), zeros_like(difference));
    }
}
