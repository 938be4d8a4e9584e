using BBScore.Models.Text;
using BBScore.Stimuli;

namespace BBScore.Tests.Text;

public class TokenizedTextTests
{
    static readonly Gpt2Tokenizer Gpt2 = Gpt2Tokenizer.Instance;

    [Fact]
    public void Context_comes_first_with_a_space_between()
    {
        Assert.Equal("Hello world", TokenizedText.ModelInput(new TextStimulus("world", "Hello")));
        Assert.Equal("Hello world", TokenizedText.ModelInput(new TextStimulus(" world", "Hello")));
        Assert.Equal("Hello\nworld", TokenizedText.ModelInput(new TextStimulus("world", "Hello\n")));
        Assert.Equal("world", TokenizedText.ModelInput(new TextStimulus("world")));
        Assert.Equal("Hello", TokenizedText.ModelInput(new TextStimulus("", "Hello")));
    }

    [Fact]
    public void Context_and_text_are_tokenized_together()
    {
        var tokenized = TokenizedText.From(new TextStimulus("world", "Hello"), Gpt2, 1024, TextReadout.LastWordMean);

        Assert.Equal([15496, 995], tokenized.Ids);
        Assert.Equal([1], tokenized.ReadoutTokens);
    }

    [Fact]
    public void Truncation_keeps_the_end()
    {
        var tokenized = TokenizedText.From(new TextStimulus("The quick brown fox jumps over the lazy dog."), Gpt2, 3, TextReadout.LastWordLastToken);

        Assert.Equal([16931, 3290, 13], tokenized.Ids); // " lazy", " dog", "."
        Assert.Equal([2], tokenized.ReadoutTokens);     // "dog." ends at "."
    }

    [Fact]
    public void The_originals_window_keeps_the_start_and_reads_the_last_kept_token()
    {
        var tokenized = TokenizedText.From(new TextStimulus("The quick brown fox jumps over the lazy dog."), Gpt2, 3,
            TextReadout.LastWordMean, TextWindow.OriginalFixedWindow);

        Assert.Equal([464, 2068, 7586], tokenized.Ids);
        Assert.Equal([2], tokenized.ReadoutTokens);
    }

    [Fact]
    public void Readouts_differ_only_for_a_word_of_several_tokens()
    {
        var stimulus = new TextStimulus("We love tokenization");
        int count = Gpt2.Encode("We love tokenization").Count;

        var mean = TokenizedText.From(stimulus, Gpt2, 1024, TextReadout.LastWordMean);
        var last = TokenizedText.From(stimulus, Gpt2, 1024, TextReadout.LastWordLastToken);

        Assert.Equal(Enumerable.Range(2, count - 2), mean.ReadoutTokens);
        Assert.Equal([count - 1], last.ReadoutTokens);
        Assert.Equal(4, count); // We| love| token|ization
    }

    [Fact]
    public void Trailing_whitespace_is_not_read_out()
    {
        var tokenized = TokenizedText.From(new TextStimulus("Hello world "), Gpt2, 1024, TextReadout.LastWordLastToken);

        Assert.Equal(3, tokenized.Ids.Length); // Hello| world| " "
        Assert.Equal([1], tokenized.ReadoutTokens);
    }

    [Fact]
    public void Empty_text_reads_a_lone_end_of_text_token()
    {
        var tokenized = TokenizedText.From(new TextStimulus(""), Gpt2, 1024, TextReadout.LastWordMean);

        Assert.Equal([Gpt2Tokenizer.EndOfTextId], tokenized.Ids);
        Assert.Equal([0], tokenized.ReadoutTokens);
    }
}
