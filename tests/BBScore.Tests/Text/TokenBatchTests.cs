using BBScore.Features;
using BBScore.Models.Text;

namespace BBScore.Tests.Text;

public class TokenBatchTests
{
    [Fact]
    public void Short_texts_are_padded_on_the_right_and_masked()
    {
        var batch = new TokenBatch([new TokenizedText([5, 6, 7], [2]), new TokenizedText([9], [0])], padId: 50256);

        Assert.Equal(3, batch.Length);
        Assert.Equal([5, 6, 7, 9, 50256, 50256], batch.InputIds);
        Assert.Equal([1, 1, 1, 1, 0, 0], batch.AttentionMask);
        Assert.Equal([0, 1, 2, 0, 1, 1], batch.PositionIds);
        Assert.True(batch.PaddingDependsOnBatch);
    }

    [Fact]
    public void A_fixed_length_pads_every_row()
    {
        var batch = new TokenBatch([new TokenizedText([5, 6], [1])], padId: 0, length: 4);

        Assert.Equal([5, 6, 0, 0], batch.InputIds);
        Assert.False(batch.PaddingDependsOnBatch);
        Assert.Throws<ArgumentException>(() => new TokenBatch([new TokenizedText([1, 2, 3], [2])], 0, length: 2));
    }

    [Fact]
    public void The_originals_window_pads_on_the_left_without_a_mask()
    {
        var batch = new TokenBatch([new TokenizedText([5, 6], [1])], padId: 9, length: 4, window: TextWindow.OriginalFixedWindow);

        Assert.Equal([9, 9, 5, 6], batch.InputIds);
        Assert.Equal([1, 1, 1, 1], batch.AttentionMask);
        Assert.Equal([0, 1, 2, 3], batch.PositionIds);
        Assert.Equal(2, batch.RowStart(0));
    }

    [Fact]
    public void Left_padded_rows_are_read_at_their_shifted_tokens()
    {
        var batch = new TokenBatch([new TokenizedText([5], [0])], padId: 0, length: 3, window: TextWindow.OriginalFixedWindow);
        float[] data = [0, 1, 10, 11, 20, 21]; // (1, 3 tokens, 2): value = 10·token + feature

        var rows = TokenRowReadout.Restore(new BBScore.Features.FeatureTensor(data, [1, 3, 2]), batch);

        Assert.Equal([20, 21], rows.Data);
    }

    [Fact]
    public void Hidden_states_give_the_mean_of_each_texts_readout_rows()
    {
        var batch = new TokenBatch([new TokenizedText([5, 6, 7], [1, 2]), new TokenizedText([9], [0])], padId: 0);
        // (2 texts, 3 tokens, 2 features): value = 10·token + feature, +100 for the second text.
        float[] data = [0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121];

        var rows = TokenRowReadout.Restore(new FeatureTensor(data, [2, 3, 2]), batch);

        Assert.Equal([2, 2], rows.Shape);
        Assert.Equal([15, 16, 100, 101], rows.Data);
    }

    [Fact]
    public void Outputs_without_a_token_axis_pass_unpadded_and_are_refused_padded()
    {
        var unpadded = new TokenBatch([new TokenizedText([5, 6], [1])], padId: 0);
        var padded = new TokenBatch([new TokenizedText([5, 6], [1]), new TokenizedText([7], [0])], padId: 0);
        var pooled = new FeatureTensor([1, 2], [1, 2]);
        var attention = new FeatureTensor(new float[2 * 4 * 2 * 2], [2, 4, 2, 2]);

        Assert.Same(pooled, TokenRowReadout.Restore(pooled, unpadded));
        Assert.Throws<NotSupportedException>(() => TokenRowReadout.Restore(attention, padded));
    }
}
