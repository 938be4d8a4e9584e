using BBScore.Datasets.LeBel;
using BBScore.Formats.Praat;
using BBScore.Models.Text;
using BBScore.Stimuli;

namespace BBScore.Tests.LeBel;

public sealed class LeBelTrTextSetTests
{
    [Fact]
    public void The_model_reads_each_TRs_cumulative_text_and_reads_out_its_last_word()
    {
        var fixture = LeBelFixture.TrTextStories();

        var set = new LeBelTrTextSet(fixture.Select(s => (s.Name, s.TextGrid, TextGridFile.ReadTier(s.TextGrid))).ToList(), "UTS01");

        var cumulative = fixture.SelectMany(s => s.TrTexts).Where(t => t.Length > 0).ToArray();
        Assert.Equal(cumulative.Length, set.Count);
        for (int i = 0; i < set.Count; i++)
        {
            var stimulus = (TextStimulus)set.Load(i);
            Assert.Equal(cumulative[i], TokenizedText.ModelInput(stimulus));
            Assert.Equal(cumulative[i].Split(' ')[^1], stimulus.Text);
        }
        Assert.Equal(fixture.Select(s => s.TrTexts.Length), set.Layout.TrCounts);
    }

    [Fact]
    public void TRs_before_the_first_word_get_zero_features()
    {
        TextGridInterval[] words = [new(2.5, 3.0, "late"), new(3.0, 3.5, "words")];
        var set = new LeBelTrTextSet([("story", "/dev/null", words)], "UTS01");
        Assert.Equal([(0, 1)], set.Layout.Rows); // TR 0 (0-2 s) heard nothing
        var perStory = set.Layout.PerStory([7f, 8f], width: 2);
        Assert.Equal(new float[,] { { 0, 0 }, { 7, 8 } }, perStory[0]);
    }
}
