using BBScore.Stimuli;

namespace BBScore.Models.Text;

/// <summary>One text stimulus as token ids for the model, and which of its token rows are read out.</summary>
/// <param name="Ids">Context and text tokens, at most the model's maximum.</param>
/// <param name="ReadoutTokens">Indices into <paramref name="Ids"/> whose hidden states are averaged
/// into the stimulus's feature row (one index for a single-token readout).</param>
public sealed record TokenizedText(int[] Ids, int[] ReadoutTokens)
{
    /// <summary>Tokenizes context + text, cuts it to <paramref name="maxTokens"/> as <paramref name="window"/>
    /// says and picks the readout tokens.</summary>
    public static TokenizedText From(TextStimulus stimulus, ITextTokenizer tokenizer, int maxTokens, TextReadout readout,
        TextWindow window = TextWindow.RecentTokens)
    {
        if (tokenizer.BeginOfText is not int begin) return FromText(stimulus, tokenizer, maxTokens, readout, window);
        // The begin-of-text token leads every window; the text gets the remaining positions and every index shifts by one.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var text = FromText(stimulus, tokenizer, maxTokens - 1, readout, window);
        return new TokenizedText([begin, .. text.Ids], text.ReadoutTokens.Select(t => t + 1).ToArray());
    }

    static TokenizedText FromText(TextStimulus stimulus, ITextTokenizer tokenizer, int maxTokens, TextReadout readout, TextWindow window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        string input = ModelInput(stimulus);
        var tokens = tokenizer.Encode(input);
        // Nothing to read (empty text): the original reads the row of a lone end-of-text token (its pad).
        if (tokens.Count == 0) return new TokenizedText([tokenizer.EndOfText], [0]);

        if (tokens.Count > maxTokens && window == TextWindow.OriginalFixedWindow)
        {
            // The original keeps the first tokens; its word matching then runs out of tokens and falls back
            // to the last token's row (gpt2.py _align_tokens_to_words).
            return new TokenizedText(tokens.Take(maxTokens).Select(t => t.Id).ToArray(), [maxTokens - 1]);
        }
        // Keep the end: the text being read out comes last and must stay in the window; the oldest context goes.
        var kept = tokens.Count > maxTokens ? tokens.Skip(FirstKept(tokens.Count, maxTokens, stimulus.StridedContext)).ToList() : tokens;
        int[] ids = kept.Select(t => t.Id).ToArray();
        var words = WordAlignment.Align(input, kept);
        if (words.Count == 0) return new TokenizedText(ids, [ids.Length - 1]); // whitespace only: last token
        var lastWord = words[^1];
        int[] readoutTokens = readout switch
        {
            TextReadout.LastWordMean => Enumerable.Range(lastWord.FirstToken, lastWord.TokenCount).ToArray(),
            TextReadout.LastWordLastToken => [lastWord.LastToken],
            _ => throw new ArgumentOutOfRangeException(nameof(readout), readout, null),
        };
        return new TokenizedText(ids, readoutTokens);
    }

    /// <summary>The first of <paramref name="count"/> tokens kept in a window of <paramref name="maxTokens"/>: the most
    /// recent ones, or (strided) from the smallest multiple of half the window that leaves at most a window.</summary>
    public static int FirstKept(int count, int maxTokens, bool strided)
    {
        if (count <= maxTokens) return 0;
        if (!strided) return count - maxTokens;
        int half = Math.Max(1, maxTokens / 2);
        return (count - maxTokens + half - 1) / half * half;
    }

    /// <summary>The string the model reads: the context, then the text. A space is put between them when
    /// neither side has whitespace at the join, so the last context word and the first text word stay two words.</summary>
    public static string ModelInput(TextStimulus stimulus)
    {
        string context = stimulus.Context, text = stimulus.Text;
        if (context.Length == 0) return text;
        if (text.Length == 0) return context;
        bool separated = char.IsWhiteSpace(context[^1]) || char.IsWhiteSpace(text[0]);
        return separated ? context + text : context + " " + text;
    }
}
