namespace BBScore.Models.Text;

/// <summary>Which token rows of a language model's hidden states (B, tokens, D) stand for a text stimulus.
/// Both read the last word of the model input, which is the last word of the stimulus text (context comes first).</summary>
public enum TextReadout
{
    /// <summary>The mean of the last word's token rows: what gpt2.py's postprocess does (it averages each
    /// word's token embeddings and keeps the last word's).</summary>
    LastWordMean,

    /// <summary>The row of the last token of the last word: the spec's wording ("last valid token of the
    /// target word"), the first token that has seen the whole word.</summary>
    LastWordLastToken,
}

public static class TextReadoutNames
{
    /// <summary>Words for model descriptions (part of the feature cache key, so keep them stable).</summary>
    public static string Describe(this TextReadout readout) => readout switch
    {
        TextReadout.LastWordMean => "mean of the last word's tokens",
        TextReadout.LastWordLastToken => "last token of the last word",
        _ => throw new ArgumentOutOfRangeException(nameof(readout), readout, null),
    };
}
