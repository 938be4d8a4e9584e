using BBScore.Models.Text;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Text;

/// <summary>Llama 3's tokenizer file is gated, so these tests write a tiny file in the same tiktoken format
/// (base64 token, space, rank): all 256 bytes, then "he", "ll", "hell", "hello".</summary>
public sealed class Llama3TokenizerTests
{
    static Llama3Tokenizer TinyTokenizer(TempDir dir)
    {
        var lines = Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}").ToList();
        string[] merges = ["he", "ll", "hell", "hello"];
        for (int i = 0; i < merges.Length; i++) lines.Add($"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(merges[i]))} {256 + i}");
        File.WriteAllLines(Path.Combine(dir.Path, Llama3Tokenizer.FileName), lines);
        return Llama3Tokenizer.Load(dir.Path);
    }

    [Fact]
    public void Reads_a_tiktoken_file_with_Llama3s_pattern()
    {
        using var dir = new TempDir();
        var tokenizer = TinyTokenizer(dir);

        Assert.Equal([259], tokenizer.Encode("hello").Select(t => t.Id));
        Assert.Equal([259, 32, 259], tokenizer.Encode("hello hello").Select(t => t.Id)); // " hello": the space has no merge
        Assert.Equal(128009, Llama3Tokenizer.SpecialTokens()["<|eot_id|>"]);
        Assert.Equal(128255, Llama3Tokenizer.SpecialTokens()["<|reserved_special_token_250|>"]);
    }

    [Fact]
    public void Every_window_starts_with_begin_of_text_and_the_readout_shifts_past_it()
    {
        using var dir = new TempDir();
        var tokenizer = TinyTokenizer(dir);

        var whole = TokenizedText.From(new TextStimulus("hello hello"), tokenizer, 16, TextReadout.LastWordLastToken);
        Assert.Equal([Llama3Tokenizer.BeginOfTextId, 259, 32, 259], whole.Ids);
        Assert.Equal([3], whole.ReadoutTokens);

        // Three positions: begin-of-text plus the two most recent tokens.
        var cut = TokenizedText.From(new TextStimulus("hello hello"), tokenizer, 3, TextReadout.LastWordLastToken);
        Assert.Equal([Llama3Tokenizer.BeginOfTextId, 32, 259], cut.Ids);
        Assert.Equal([2], cut.ReadoutTokens);
    }

    [Fact]
    public void A_missing_tokenizer_file_says_where_it_comes_from()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<FileNotFoundException>(() => Llama3Tokenizer.Load(dir.Path));
        Assert.Contains("meta-llama/Meta-Llama-3-8B", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir.Path, Llama3Tokenizer.FileName), error.Message, StringComparison.Ordinal);
    }
}
