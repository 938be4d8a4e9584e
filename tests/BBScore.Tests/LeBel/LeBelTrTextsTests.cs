using BBScore.Datasets.LeBel;
using BBScore.Formats.Praat;

namespace BBScore.Tests.LeBel;

/// <summary>Words binned to 2 s TRs with cumulative context, against the original's rule run by the fixture generator.</summary>
public sealed class LeBelTrTextsTests
{
    [Fact]
    public void Cumulative_texts_per_TR_match_the_original_rule_on_every_fixture_story()
    {
        var stories = LeBelFixture.TrTextStories();
        foreach (var (_, textGrid, expected) in stories)
            Assert.Equal(expected, LeBelTrTexts.Cumulative(TextGridFile.ReadTier(textGrid)));
        Assert.Equal(11, stories.Count);
    }

    [Fact]
    public void A_word_joins_the_first_TR_whose_end_passes_its_midpoint()
    {
        TextGridInterval[] words = [new(0.0, 1.0, "a"), new(1.5, 2.6, "b"), new(2.0, 2.2, "c"), new(5.0, 5.5, "d")];
        // midpoints 0.5, 2.05, 2.1, 5.25; TR ends 2, 4, 6 (ceil(5.5 / 2) = 3 TRs)
        Assert.Equal([1, 3, 4], LeBelTrTexts.WordsHeard(words));
        Assert.Equal(["a", "a b c", "a b c d"], LeBelTrTexts.Cumulative(words));
        Assert.Empty(LeBelTrTexts.Cumulative([]));
    }
}
