using BBScore.Features;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>The audio models' postprocess (spec §3.3): a rank-3 output (B, frames, D) is averaged over
/// axis 1, giving (B, D); any other rank is left for the usual flattening.</summary>
public static class TimeMean
{
    public const string Description = "rank-3 outputs (B,frames,D) averaged over frames to (B,D)";

    /// <summary>The shape <see cref="Restore"/> gives an output of <paramref name="shape"/>.</summary>
    public static int[] Shape(int[] shape) => shape.Length == 3 ? [shape[0], shape[2]] : shape;

    public static FeatureTensor Restore(FeatureTensor output)
    {
        if (output.Shape.Length != 3) return output;
        int rows = output.Shape[0], frames = output.Shape[1], width = output.Shape[2];
        var data = new float[rows * width];
        var sum = new double[width];
        for (int b = 0; b < rows; b++)
        {
            Array.Clear(sum);
            for (int t = 0; t < frames; t++)
            {
                var row = output.Data.AsSpan((b * frames + t) * width, width);
                for (int d = 0; d < width; d++) sum[d] += row[d];
            }
            for (int d = 0; d < width; d++) data[b * width + d] = frames == 0 ? 0f : (float)(sum[d] / frames);
        }
        return new FeatureTensor(data, [rows, width]);
    }
}
