namespace BBScore.Models.Text;

/// <summary>A word of a text (a run of non-whitespace, as Python's <c>str.split()</c> gives) and the
/// tokens that make it up.</summary>
/// <param name="Start">First character of the word.</param>
/// <param name="End">One past its last character.</param>
/// <param name="FirstToken">Index of its first token.</param>
/// <param name="LastToken">Index of its last token: the one whose hidden state has seen the whole word.</param>
public readonly record struct AlignedWord(int Start, int End, int FirstToken, int LastToken)
{
    public int TokenCount => LastToken - FirstToken + 1;
}

/// <summary>Maps the words of a text to its tokens, by the tokens' character offsets. The original
/// (gpt2.py <c>_align_tokens_to_words</c>) glues token strings together until they spell the next word;
/// offsets give the same grouping without its drift on tokens that do not spell text (newlines, parts of
/// multi-byte characters).</summary>
public static class WordAlignment
{
    /// <summary>The words of <paramref name="text"/> that have at least one token, in order. A token belongs to
    /// the word holding its last character; whitespace-only tokens (GPT-2's " " or "\n") belong to none.
    /// Byte-level BPE never joins the end of one word with the start of the next, so groups are contiguous.</summary>
    /// <param name="text">The text that was tokenized.</param>
    /// <param name="tokens">Its tokens, in order (a truncated tail is fine: words without tokens are left out).</param>
    public static IReadOnlyList<AlignedWord> Align(string text, IReadOnlyList<TextToken> tokens)
    {
        var wordOf = WordIndexPerCharacter(text, out var spans);
        var first = new int[spans.Count];
        var last = new int[spans.Count];
        Array.Fill(first, -1);
        for (int t = 0; t < tokens.Count; t++)
        {
            int lastChar = tokens[t].End - 1;
            if (lastChar < 0 || lastChar >= text.Length) continue;
            int word = wordOf[lastChar];
            if (word < 0) continue;
            if (first[word] < 0) first[word] = t;
            last[word] = t;
        }
        var words = new List<AlignedWord>(spans.Count);
        for (int w = 0; w < spans.Count; w++)
            if (first[w] >= 0) words.Add(new AlignedWord(spans[w].Start, spans[w].End, first[w], last[w]));
        return words;
    }

    /// <summary>For every character the index of the word it is in, −1 for whitespace; and the words' spans.</summary>
    static int[] WordIndexPerCharacter(string text, out List<(int Start, int End)> spans)
    {
        var wordOf = new int[text.Length];
        spans = [];
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                wordOf[i++] = -1;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) wordOf[i++] = spans.Count;
            spans.Add((start, i));
        }
        return wordOf;
    }
}
