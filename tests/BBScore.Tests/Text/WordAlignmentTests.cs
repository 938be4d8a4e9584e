using BBScore.Models.Text;

namespace BBScore.Tests.Text;

public class WordAlignmentTests
{
    [Fact]
    public void Word_alignment_picks_the_last_token_of_each_word()
    {
        // "unbelievably tokenization" as GPT-2 splits it: un|bel|iev|ably| token|ization.
        const string text = "unbelievably tokenization";
        TextToken[] tokens = [new(403, 0, 2), new(6667, 2, 5), new(11203, 5, 8), new(1346, 8, 12), new(11241, 12, 18), new(1634, 18, 25)];

        var words = WordAlignment.Align(text, tokens);

        Assert.Equal([new AlignedWord(0, 12, 0, 3), new AlignedWord(13, 25, 4, 5)], words);
        Assert.Equal([3, 5], words.Select(w => w.LastToken));
    }

    [Fact]
    public void The_real_tokenizer_splits_a_long_word_and_alignment_groups_it()
    {
        const string text = "We love tokenization";
        var tokens = Gpt2Tokenizer.Instance.Encode(text);

        var words = WordAlignment.Align(text, tokens);

        Assert.Equal(3, words.Count);
        Assert.True(words[2].TokenCount > 1, "GPT-2 splits ' tokenization' into ' token' + 'ization'");
        Assert.Equal(tokens.Count - 1, words[2].LastToken);
        Assert.Equal(2, words[2].FirstToken); // "We", " love" are one token each
    }

    [Fact]
    public void Punctuation_belongs_to_its_word_and_whitespace_tokens_to_none()
    {
        // "Hi, you\n\nthere": Hi|,| you|\n|\n|there (GPT-2 keeps newlines apart from the next word).
        const string text = "Hi, you\n\nthere";
        TextToken[] tokens = [new(1, 0, 2), new(2, 2, 3), new(3, 3, 7), new(4, 7, 8), new(5, 8, 9), new(6, 9, 14)];

        var words = WordAlignment.Align(text, tokens);

        Assert.Equal([(0, 1), (2, 2), (5, 5)], words.Select(w => (w.FirstToken, w.LastToken)));
    }

    [Fact]
    public void Tokens_sharing_a_multibyte_character_stay_in_its_word()
    {
        var tokens = Gpt2Tokenizer.Instance.Encode("café 日本");

        var words = WordAlignment.Align("café 日本", tokens);

        Assert.Equal(2, words.Count);
        Assert.Equal(tokens.Count - 1, words[1].LastToken);
        Assert.Equal(words[0].LastToken + 1, words[1].FirstToken);
    }

    [Fact]
    public void Words_whose_tokens_were_cut_off_are_left_out()
    {
        const string text = "one two three";
        TextToken[] tail = [new(2, 7, 13)]; // only " three" kept

        var words = WordAlignment.Align(text, tail);

        Assert.Equal([new AlignedWord(8, 13, 0, 0)], words);
    }
}
