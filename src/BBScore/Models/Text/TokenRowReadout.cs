using BBScore.Features;

namespace BBScore.Models.Text;

/// <summary>Turns one language-model output for a <see cref="TokenBatch"/> into one row per text:
/// hidden states (B, tokens, D) give each text the mean of its readout token rows, (B, D).</summary>
public static class TokenRowReadout
{
    /// <param name="sharing">When the batch holds only the carriers of shared causal passes: the texts to read out.</param>
    public static FeatureTensor Restore(FeatureTensor output, TokenBatch batch, CausalPrefixSharing? sharing = null)
    {
        int[] shape = output.Shape;
        if (shape.Length == 3 && shape[1] == batch.Length) return Read(output.Data, batch, shape[2], sharing);
        // (B, 1, tokens, D): gpt2.py drops the single axis and reads tokens as usual.
        if (shape.Length == 4 && shape[1] == 1 && shape[2] == batch.Length) return Read(output.Data, batch, shape[3], sharing);
        if (sharing is { Shares: true })
            throw new NotSupportedException(
                $"This output has shape ({string.Join(", ", shape)}), not (batch, {batch.Length} tokens, features), so the texts that shared a " +
                "causal pass cannot be read apart. Read a hidden-state layer.");
        // Anything else (pooled (B, D), attention maps, ...) is left as is, as gpt2.py's postprocess leaves it.
        // Its values may mix padding in, which would make a text's features depend on its batch: refuse that.
        // (Rows of a fixed length, the graph's or the original's full window, are padded the same in any batch.)
        if (batch.PaddingDependsOnBatch && shape.Length > 2)
            throw new NotSupportedException(
                $"This output has shape ({string.Join(", ", shape)}), not (batch, {batch.Length} tokens, features), so no token row can be " +
                "picked, and texts of different lengths were padded into it. Read a hidden-state layer, or run one text per batch.");
        return output;
    }

    static FeatureTensor Read(float[] data, TokenBatch batch, int width, CausalPrefixSharing? sharing)
    {
        int count = sharing?.Texts.Count ?? batch.Count;
        var rows = new float[count * width];
        for (int i = 0; i < count; i++)
        {
            var target = rows.AsSpan(i * width, width);
            int b = sharing?.CarrierOf[i] ?? i;
            int[] tokens = (sharing?.Texts[i] ?? batch.Texts[b]).ReadoutTokens;
            foreach (int token in tokens)
            {
                var source = data.AsSpan((b * batch.Length + batch.RowStart(b) + token) * width, width);
                for (int d = 0; d < width; d++) target[d] += source[d];
            }
            if (tokens.Length > 1)
                for (int d = 0; d < width; d++) target[d] /= tokens.Length;
        }
        return new FeatureTensor(rows, [count, width]);
    }
}
