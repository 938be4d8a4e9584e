namespace BBScore.Features;

/// <summary>Joins the outputs of a batch run in parts (stimuli that could not share one forward pass).</summary>
public static class FeatureRows
{
    /// <summary>The parts' rows stacked in order along the batch axis; every part must have the same row shape.</summary>
    /// <param name="name">The layer or tensor, for the error.</param>
    public static FeatureTensor Stack(IReadOnlyList<FeatureTensor> parts, string name)
    {
        int[] rowShape = parts[0].Shape[1..];
        if (parts.Any(p => !p.Shape.AsSpan(1).SequenceEqual(rowShape)))
            throw new InvalidOperationException($"Tensor '{name}' has a different shape for different stimuli; it cannot be stacked into one batch.");
        var data = new float[parts.Sum(p => p.Data.Length)];
        int offset = 0;
        foreach (var part in parts)
        {
            part.Data.CopyTo(data, offset);
            offset += part.Data.Length;
        }
        return new FeatureTensor(data, [parts.Sum(p => p.Shape[0]), .. rowShape]);
    }
}
