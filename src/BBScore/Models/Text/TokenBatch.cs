namespace BBScore.Models.Text;

/// <summary>Several tokenized texts as one padded batch: token ids, attention mask and position ids,
/// each [batch, length] row-major.</summary>
/// <remarks>With <see cref="TextWindow.RecentTokens"/> rows are right-padded and the pads masked: every real token
/// sits at positions 0..n−1 whatever the batch, so a causal model gives the same hidden states for a text alone
/// or beside longer ones (its tokens never attend to the pads after them), even for an export without a
/// position_ids input, which numbers positions 0..length−1 itself. <see cref="TextWindow.OriginalFixedWindow"/>
/// reproduces the original instead: left padding to the full window, nothing masked, positions 0..length−1.</remarks>
public sealed class TokenBatch
{
    // Hugging Face's convention for the position of a padding token (generate() fills masked positions with 1).
    const long PadPosition = 1;

    readonly int[] _rowStarts;

    /// <param name="texts">The batch's texts.</param>
    /// <param name="padId">Token id written into padding.</param>
    /// <param name="length">Tokens per row (the graph's fixed length, or the window for the original's padding);
    /// null pads to the longest text.</param>
    /// <param name="window">Right padding with masked pads, or the original's unmasked left padding.</param>
    public TokenBatch(IReadOnlyList<TokenizedText> texts, int padId, int? length = null, TextWindow window = TextWindow.RecentTokens)
    {
        if (texts.Count == 0) throw new ArgumentException("No texts to batch.", nameof(texts));
        Texts = texts;
        Length = texts.Max(t => t.Ids.Length);
        if (length is int fixedLength)
        {
            if (Length > fixedLength) throw new ArgumentException($"A text has {Length} tokens; the rows take {fixedLength}.", nameof(texts));
            Length = fixedLength;
        }
        PaddingDependsOnBatch = length == null && texts.Any(t => t.Ids.Length != Length);
        bool left = window == TextWindow.OriginalFixedWindow;
        InputIds = new long[texts.Count * Length];
        AttentionMask = new long[texts.Count * Length];
        PositionIds = new long[texts.Count * Length];
        _rowStarts = new int[texts.Count];
        for (int b = 0; b < texts.Count; b++)
        {
            var ids = texts[b].Ids;
            int start = left ? Length - ids.Length : 0;
            _rowStarts[b] = start;
            for (int i = 0; i < Length; i++)
            {
                int at = b * Length + i;
                bool real = i >= start && i < start + ids.Length;
                InputIds[at] = real ? ids[i - start] : padId;
                // The original passes no mask, so its pads take part like text.
                AttentionMask[at] = real || left ? 1 : 0;
                PositionIds[at] = left ? i : real ? i - start : PadPosition;
            }
        }
    }

    public IReadOnlyList<TokenizedText> Texts { get; }

    public int Count => Texts.Count;

    /// <summary>Tokens per row.</summary>
    public int Length { get; }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    public long[] PositionIds { get; }

    /// <summary>Where row <paramref name="b"/>'s first real token sits (its left padding).</summary>
    public int RowStart(int b) => _rowStarts[b];

    /// <summary>Whether a row's padding depends on the other texts of the batch (rows as long as the longest text):
    /// outputs that mix all tokens would then give a text different features in different batches.</summary>
    public bool PaddingDependsOnBatch { get; }
}
