using BBScore.Features;

namespace BBScore.Models.TorchSharpModels;

/// <summary>How a clip model's original regroups every hooked output of rank 3 or more, (B, N, ...) with N on axis 1:
/// <see cref="IntoFrames"/> (VideoMAE: (B, n, −1)), <see cref="GroupsOf"/> (V-JEPA 2: blocks of n tokens, one per
/// tubelet, (B, N/n, −1)), <see cref="LastTokens"/> (the V-JEPA 2 time bins: the last n tokens, (B, n, ...)).
/// Outputs of lower rank pass unchanged.</summary>
public abstract record TokenFold(int Size)
{
    public abstract string Describe();

    public FeatureTensor Apply(float[] data, int[] shape, string layer)
    {
        if (shape.Length < 3) return new FeatureTensor(data, shape);
        long batch = shape[0], perRow = data.Length / Math.Max(1, batch);
        return Fold(data, shape, perRow, layer);
    }

    protected abstract FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer);

    public sealed record IntoFrames(int Frames) : TokenFold(Frames)
    {
        public override string Describe() => $"folded to (B, {Frames}, −1)";

        // A size that does not divide the row is left as it is (a hook before the tokens exist).
        protected override FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer) =>
            perRow % Frames == 0 ? new FeatureTensor(data, [shape[0], Frames, checked((int)(perRow / Frames))]) : new FeatureTensor(data, shape);
    }

    public sealed record GroupsOf(int Tokens) : TokenFold(Tokens)
    {
        public override string Describe() => $"grouped in blocks of {Tokens} tokens, (B, N/{Tokens}, −1)";

        protected override FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer) =>
            shape[1] % Tokens == 0
                ? new FeatureTensor(data, [shape[0], shape[1] / Tokens, checked((int)(perRow / (shape[1] / Tokens)))])
                : throw new InvalidOperationException(
                    $"{layer}: {shape[1]} tokens on axis 1 are not a multiple of {Tokens}, the tokens of one tubelet; the original refuses this layer too.");
    }

    public sealed record LastTokens(int Tokens) : TokenFold(Tokens)
    {
        public override string Describe() => $"the last {Tokens} tokens kept, (B, {Tokens}, ...)";

        protected override FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer)
        {
            if (shape[1] <= Tokens) return new FeatureTensor(data, shape);
            long perToken = perRow / shape[1], kept = perToken * Tokens;
            var result = new float[checked(shape[0] * kept)];
            for (int b = 0; b < shape[0]; b++)
                Array.Copy(data, b * perRow + perRow - kept, result, b * kept, kept);
            return new FeatureTensor(result, [shape[0], Tokens, .. shape[2..]]);
        }
    }

    /// <summary>(B, C, T, H, W) → (B, T, C·H·W): each time step's channels and positions together. The original
    /// (TorchVideoModels) reshapes to (B, shape[3], −1), and shape[3] of such a map is H, not T, so its rows mix
    /// time steps; this is the reading its documentation describes (T from the time axis), a documented deviation.
    /// Outputs that are not rank 5 pass unchanged (the size is the time axis, 2).</summary>
    public sealed record TimeAxis() : TokenFold(2)
    {
        public override string Describe() => "the time axis of (B, C, T, H, W) moved to the front, (B, T, −1)";

        protected override FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer) =>
            shape.Length == 5 ? TimeFirst(data, shape) : new FeatureTensor(data, shape);

        /// <summary>(B, C, T, H, W) → (B, T, C·H·W).</summary>
        internal static FeatureTensor TimeFirst(float[] data, int[] shape)
        {
            int batch = shape[0], channels = shape[1], frames = shape[2];
            int plane = checked(shape[3] * shape[4]);
            var result = new float[data.Length];
            // Source index ((b·C + c)·T + t)·HW; target ((b·T + t)·C + c)·HW.
            for (int b = 0; b < batch; b++)
                for (int c = 0; c < channels; c++)
                    for (int t = 0; t < frames; t++)
                        Array.Copy(data, ((long)(b * channels + c) * frames + t) * plane, result, ((long)(b * frames + t) * channels + c) * plane, plane);
            return new FeatureTensor(result, [batch, frames, checked(channels * plane)]);
        }
    }

    /// <summary>Swin3D's regrouping. Its stages work channels-last, (B, T, H, W, C) (time on axis 1, as the patch
    /// embedding's permute leaves it), so (B, T, H·W·C) is a plain reshape; the modules in <paramref name="ChannelsFirst"/>
    /// (the patch embedding's Conv3d, and the average pool, which runs after torchvision's permute back to (B, C, T, H, W))
    /// give channels-first maps and are regrouped as <see cref="TimeAxis"/> does. The original reshapes every rank-5
    /// output to (B, shape[3], −1), and shape[3] of a channels-last map is W, so its rows mix time steps and positions;
    /// this follows what the original documents (T from the time axis), a documented deviation. Outputs that are not
    /// rank 5 (<c>head</c>'s (B, classes)) pass unchanged.</summary>
    public sealed record ChannelsLastTime(IReadOnlySet<string> ChannelsFirst) : TokenFold(1)
    {
        public override string Describe() =>
            "the time axis of (B, T, H, W, C) (of (B, C, T, H, W) for " + string.Join(", ", ChannelsFirst.Order(StringComparer.Ordinal)) + ") first, (B, T, −1)";

        protected override FeatureTensor Fold(float[] data, int[] shape, long perRow, string layer) =>
            shape.Length != 5 ? new FeatureTensor(data, shape)
            : ChannelsFirst.Contains(layer) ? TimeAxis.TimeFirst(data, shape)
            : new FeatureTensor(data, [shape[0], shape[1], checked((int)(perRow / shape[1]))]);
    }
}
