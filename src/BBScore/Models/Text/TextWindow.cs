namespace BBScore.Models.Text;

/// <summary>How a text is fitted into a language model's context window and batched.</summary>
public enum TextWindow
{
    /// <summary>The most recent tokens: a longer input loses its oldest context; shorter texts of a batch are
    /// right-padded with masked end-of-text tokens. A text's features do not depend on its batch.</summary>
    RecentTokens,

    /// <summary>What the original does (gpt2.py <c>padding='max_length'</c> with <c>padding_side='left'</c>,
    /// the benchmarks calling <c>model(input_ids)</c> with no attention mask): every text is left-padded with
    /// end-of-text to exactly the context length, the pads are NOT masked, positions run 0..length−1, and a
    /// longer input keeps its FIRST tokens (Hugging Face's default truncation side), so its features stop
    /// changing once the story passes the context length. Costs a full-length run per text.</summary>
    OriginalFixedWindow,
}

public static class TextWindowNames
{
    /// <summary>Words for model descriptions (part of the feature cache key, so keep them stable).</summary>
    public static string Describe(this TextWindow window, int maxTokens, int padId) => window switch
    {
        TextWindow.RecentTokens => $"context + text, last {maxTokens} tokens kept; right-padded with id {padId} (masked)",
        TextWindow.OriginalFixedWindow => $"context + text, first {maxTokens} tokens kept; left-padded to {maxTokens} with id {padId} (unmasked, as the original)",
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };
}
