namespace BBScore.Models.WeightFree;

/// <summary>The original's rule for a hook that returns a list of tensors (HMAX, spec §4): every
/// element is cropped to the element-wise minimum shape (keeping the leading indices, i.e. the
/// top-left corner of maps) and the elements are stacked on a new axis.</summary>
public static class TensorListStack
{
    /// <summary>Stacks one stimulus's list of arrays (row-major, each with its shape) into one
    /// array of shape (list length, minimum shape...).</summary>
    public static (float[] Data, int[] Shape) CropAndStack(IReadOnlyList<(float[] Data, int[] Shape)> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to stack.", nameof(parts));
        int rank = parts[0].Shape.Length;
        if (parts.Any(p => p.Shape.Length != rank)) throw new ArgumentException("The list elements differ in rank.", nameof(parts));
        var min = new int[rank];
        for (int d = 0; d < rank; d++) min[d] = parts.Min(p => p.Shape[d]);
        int per = min.Aggregate(1, (a, b) => a * b);
        var result = new float[parts.Count * per];
        for (int i = 0; i < parts.Count; i++) Crop(parts[i].Data, parts[i].Shape, min, result.AsSpan(i * per, per));
        return (result, [parts.Count, .. min]);
    }

    static void Crop(float[] source, int[] shape, int[] min, Span<float> destination)
    {
        int rank = shape.Length;
        var sourceStrides = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; d--) { sourceStrides[d] = s; s *= shape[d]; }
        var index = new int[rank];
        for (int o = 0; o < destination.Length; o++)
        {
            int offset = 0;
            for (int d = 0; d < rank; d++) offset += index[d] * sourceStrides[d];
            destination[o] = source[offset];
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < min[d]) break;
                index[d] = 0;
            }
        }
    }
}
