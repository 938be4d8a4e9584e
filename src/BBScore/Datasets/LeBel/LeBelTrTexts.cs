using BBScore.Formats.Praat;

namespace BBScore.Datasets.LeBel;

/// <summary>The words heard by the end of each TR (spec §2.4, <c>get_tr_texts</c>): a story of words with times spans
/// ceil(max xmax / TR) TRs; a word belongs to the first TR whose end is after the word's midpoint; TR k's text is every
/// word up to and including TR k (cumulative context). A TR before the first word has no text (its features are zero).</summary>
public static class LeBelTrTexts
{
    public const double TrSeconds = 2.0;

    /// <summary>Per TR: how many of <paramref name="words"/> (in order) have been heard by its end.</summary>
    public static int[] WordsHeard(IReadOnlyList<TextGridInterval> words, double trSeconds = TrSeconds)
    {
        if (words.Count == 0) return [];
        double end = words.Max(w => w.XMax);
        int trs = (int)Math.Ceiling(end / trSeconds);
        var heard = new int[trs];
        int next = 0;
        for (int tr = 0; tr < trs; tr++)
        {
            double trEnd = (tr + 1) * trSeconds;
            // The original walks the words in order and stops at the first whose midpoint is not before the TR's end.
            while (next < words.Count && (words[next].XMin + words[next].XMax) / 2.0 < trEnd) next++;
            heard[tr] = next;
        }
        return heard;
    }

    /// <summary>Each TR's cumulative text (words joined by spaces; "" before the first word).</summary>
    public static string[] Cumulative(IReadOnlyList<TextGridInterval> words, double trSeconds = TrSeconds)
    {
        var texts = words.Select(w => w.Text.Trim()).ToArray();
        return WordsHeard(words, trSeconds).Select(n => string.Join(' ', texts.Take(n))).ToArray();
    }
}
