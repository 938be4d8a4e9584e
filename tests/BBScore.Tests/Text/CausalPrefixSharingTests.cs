using BBScore.Datasets.LeBel;
using BBScore.Formats.Praat;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Text;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Text;

/// <summary>Texts that begin another text of the batch read their rows from its causal pass: which texts are run, that
/// the features equal those of one pass per text, and the strided context that lets a long story's TRs share windows.</summary>
public sealed class CausalPrefixSharingTests
{
    [Fact]
    public void Only_texts_that_begin_no_other_are_run()
    {
        TokenizedText[] texts = [new([1, 2], [1]), new([1, 2, 3, 4], [3]), new([9, 2], [1]), new([1, 2, 3], [2]), new([1, 2, 3, 4], [3]), new([1, 5], [1])];

        var sharing = CausalPrefixSharing.Group(texts);

        Assert.Equal(3, sharing.Carriers.Count); // [1,2,3,4] (and its duplicate), [9,2], [1,5]
        Assert.True(sharing.Shares);
        Assert.Equal(sharing.CarrierOf[1], sharing.CarrierOf[0]);
        Assert.Equal(sharing.CarrierOf[1], sharing.CarrierOf[3]);
        Assert.Equal(sharing.CarrierOf[1], sharing.CarrierOf[4]);
        Assert.Equal([1, 2, 3, 4], sharing.Carriers[sharing.CarrierOf[1]].Ids);
        Assert.Equal([9, 2], sharing.Carriers[sharing.CarrierOf[2]].Ids);
        Assert.Equal([1, 5], sharing.Carriers[sharing.CarrierOf[5]].Ids);
    }

    [Theory]
    [InlineData(10, 16, false, 0)]
    [InlineData(20, 16, false, 4)]
    [InlineData(17, 16, true, 8)]  // from the first multiple of 8 that leaves at most 16
    [InlineData(24, 16, true, 8)]
    [InlineData(25, 16, true, 16)]
    public void A_long_context_is_cut_at_the_most_recent_tokens_or_at_a_multiple_of_half_the_window(int count, int window, bool strided, int first) =>
        Assert.Equal(first, TokenizedText.FirstKept(count, window, strided));

    [Fact]
    public void A_storys_TR_texts_from_shared_passes_equal_one_pass_per_TR()
    {
        using var folder = new TempDir();
        // A 16-token window, so the 60-word story spills into strided windows.
        folder.WriteText("config.json", """{"model_type": "gpt2", "n_positions": 16}""");
        using var model = OnnxFileModel.Open(TinyTextOnnx.WriteTo(folder.Path, positionIds: true), new ModelOpenOptions(), InputKind.Text, "gpt2_small");
        string[] vocabulary = ["the", "smoke", "rose", "and", "we", "ran", "home", "fire", "so", "then"];
        var words = Enumerable.Range(0, 60).Select(i => new TextGridInterval(0.5 * i, 0.5 * i + 0.4, vocabulary[i * 7 % vocabulary.Length])).ToList();
        var set = new LeBelTrTextSet([("story", "/dev/null", words)], "UTS01");
        var stimuli = Enumerable.Range(0, set.Count).Select(set.Load).ToList();

        var shared = model.Extract(stimuli, ["transformer.h.1"])["transformer.h.1"];

        Assert.Equal(set.Count, shared.Rows);
        for (int i = 0; i < set.Count; i++)
        {
            var alone = model.Extract([stimuli[i]], ["transformer.h.1"])["transformer.h.1"];
            Assert.Equal(alone.Data, shared.Data.AsSpan(i * shared.RowLength, shared.RowLength).ToArray());
        }
        var tokenized = stimuli.Select(s => TokenizedText.From((TextStimulus)s, Gpt2Tokenizer.Instance, 16, TextReadout.LastWordLastToken)).ToList();
        Assert.True(CausalPrefixSharing.Group(tokenized).Carriers.Count <= 60 / 8 + 1, "one pass per half window of the story");
        // Once the story passes the window (TR 4 on), every TR keeps more than half a window of context.
        Assert.All(tokenized.Skip(4), t => Assert.True(t.Ids.Length > 8, $"{t.Ids.Length} tokens kept"));
    }
}
