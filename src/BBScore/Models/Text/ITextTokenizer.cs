namespace BBScore.Models.Text;

/// <summary>One token of a text: its vocabulary id and the characters of the text it came from.</summary>
/// <param name="Id">Vocabulary id.</param>
/// <param name="Start">First character of the text covered by the token.</param>
/// <param name="End">One past the last character covered (a token holding part of a multi-byte
/// character covers that whole character, so neighbouring tokens may share it).</param>
public readonly record struct TextToken(int Id, int Start, int End);

/// <summary>Turns text into model token ids, keeping where each token came from so tokens can be
/// mapped back to words.</summary>
public interface ITextTokenizer
{
    /// <summary>Short name for descriptions and cache keys (e.g. <c>gpt2</c>).</summary>
    string Name { get; }

    /// <summary>The end-of-text id, used as padding by models without a pad token (GPT-2).</summary>
    int EndOfText { get; }

    /// <summary>The id put before every input (Llama 3's <c>&lt;|begin_of_text|&gt;</c>); null when none (GPT-2).</summary>
    int? BeginOfText => null;

    IReadOnlyList<TextToken> Encode(string text);
}
