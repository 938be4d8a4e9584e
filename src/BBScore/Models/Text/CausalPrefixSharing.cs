namespace BBScore.Models.Text;

/// <summary>Which texts of a batch need a pass of their own through a causal language model. In a causal model the
/// hidden state at a position depends only on the tokens up to it, so a text whose tokens begin another's (the TR texts
/// of one story: each TR's words are the next TR's first words) reads its rows from the longer text's pass, exactly.
/// Only the <see cref="Carriers"/> are run; every text keeps its own readout tokens, at the same positions.</summary>
public sealed class CausalPrefixSharing
{
    CausalPrefixSharing(IReadOnlyList<TokenizedText> texts, IReadOnlyList<TokenizedText> carriers, int[] carrierOf)
    {
        Texts = texts;
        Carriers = carriers;
        CarrierOf = carrierOf;
    }

    public IReadOnlyList<TokenizedText> Texts { get; }

    /// <summary>The texts that are run: none of them is a prefix of another (a duplicate counts once).</summary>
    public IReadOnlyList<TokenizedText> Carriers { get; }

    /// <summary>Per text, the row of <see cref="Carriers"/> whose pass holds its tokens.</summary>
    public IReadOnlyList<int> CarrierOf { get; }

    /// <summary>Whether fewer passes than texts are run.</summary>
    public bool Shares => Carriers.Count < Texts.Count;

    public static CausalPrefixSharing Group(IReadOnlyList<TokenizedText> texts)
    {
        var carriers = new List<TokenizedText>();
        var carrierOf = new int[texts.Count];
        // Longest first, so a text meets every text it could be a prefix of before it is placed.
        foreach (int i in Enumerable.Range(0, texts.Count).OrderByDescending(i => texts[i].Ids.Length).ThenBy(i => i))
        {
            int found = -1;
            // The most recent carrier first: a story's TRs arrive together.
            for (int c = carriers.Count - 1; c >= 0 && found < 0; c--)
                if (texts[i].Ids.AsSpan().SequenceEqual(carriers[c].Ids.AsSpan(0, Math.Min(carriers[c].Ids.Length, texts[i].Ids.Length)))
                    && carriers[c].Ids.Length >= texts[i].Ids.Length)
                    found = c;
            if (found < 0)
            {
                found = carriers.Count;
                carriers.Add(texts[i]);
            }
            carrierOf[i] = found;
        }
        return new CausalPrefixSharing(texts, carriers, carrierOf);
    }
}
