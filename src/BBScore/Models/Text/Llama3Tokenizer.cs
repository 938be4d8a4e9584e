using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace BBScore.Models.Text;

/// <summary>Meta Llama 3's tokenizer: a tiktoken BPE read from the <c>tokenizer.model</c> file of the model's
/// repository (<c>meta-llama/Meta-Llama-3-8B</c>, <c>original/tokenizer.model</c>; gated, so it is not bundled),
/// with Llama 3's pre-tokenising pattern and its 256 special tokens from id 128000. Like Hugging Face's
/// tokenizer for the model, every input starts with <c>&lt;|begin_of_text|&gt;</c>.</summary>
public sealed partial class Llama3Tokenizer : ITextTokenizer
{
    public const string FileName = "tokenizer.model";
    public const int BeginOfTextId = 128000;
    public const int EndOfTextId = 128001;

    readonly TiktokenTokenizer _tokenizer;

    Llama3Tokenizer(TiktokenTokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Loads <see cref="FileName"/> from <paramref name="folder"/> (beside the model's ONNX file).</summary>
    public static Llama3Tokenizer Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Llama 3 needs its tokenizer file at {path}: download original/tokenizer.model from meta-llama/Meta-Llama-3-8B " +
                "(a gated repository: accept the licence, then e.g. `huggingface-cli download meta-llama/Meta-Llama-3-8B original/tokenizer.model`) " +
                "and put it beside model.onnx.", path);
        var special = SpecialTokens();
        return new Llama3Tokenizer(TiktokenTokenizer.Create(path, new RegexPreTokenizer(Pattern(), special), normalizer: null, special));
    }

    public string Name => "llama3";

    public int EndOfText => EndOfTextId;

    public int? BeginOfText => BeginOfTextId;

    public IReadOnlyList<TextToken> Encode(string text)
    {
        if (text.Length == 0) return [];
        return _tokenizer.EncodeToTokens(text, out _)
            .Select(t => new TextToken(t.Id, t.Offset.Start.Value, t.Offset.End.Value))
            .ToList();
    }

    /// <summary>The special tokens of Meta's tokenizer.py, in id order from 128000.</summary>
    public static IReadOnlyDictionary<string, int> SpecialTokens()
    {
        var names = new List<string>
        {
            "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|reserved_special_token_2|>", "<|reserved_special_token_3|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|reserved_special_token_4|>", "<|eot_id|>",
        };
        for (int i = 5; names.Count < 256; i++) names.Add($"<|reserved_special_token_{i}|>");
        return names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => BeginOfTextId + p.index);
    }

    // Meta's pat_str for Llama 3 (tokenizer.py).
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")]
    private static partial Regex Pattern();
}
