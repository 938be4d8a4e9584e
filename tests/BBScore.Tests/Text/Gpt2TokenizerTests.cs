using BBScore.Models.Text;

namespace BBScore.Tests.Text;

public class Gpt2TokenizerTests
{
    static int[] Ids(string text) => Gpt2Tokenizer.Instance.Encode(text).Select(t => t.Id).ToArray();

    [Theory]
    [InlineData("Hello world", new[] { 15496, 995 })]
    [InlineData(" the", new[] { 262 })]
    [InlineData("The", new[] { 464 })]
    [InlineData("hello", new[] { 31373 })]
    [InlineData("The quick brown fox jumps over the lazy dog.", new[] { 464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13 })]
    [InlineData("<|endoftext|>", new[] { 50256 })]
    public void Ids_are_gpt2s(string text, int[] expected)
    {
        Assert.Equal(expected, Ids(text));
    }

    [Fact]
    public void Offsets_cover_the_text_with_leading_spaces_on_words()
    {
        var tokens = Gpt2Tokenizer.Instance.Encode("Hello world");

        Assert.Equal([(0, 5), (5, 11)], tokens.Select(t => (t.Start, t.End)));
    }

    [Fact]
    public void Empty_text_has_no_tokens()
    {
        Assert.Empty(Gpt2Tokenizer.Instance.Encode(""));
    }

    [Fact]
    public void End_of_text_is_50256()
    {
        Assert.Equal(50256, Gpt2Tokenizer.Instance.EndOfText);
        Assert.Equal("gpt2", Gpt2Tokenizer.Instance.Name);
    }
}
