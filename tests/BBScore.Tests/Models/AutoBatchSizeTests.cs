using BBScore.Models;

namespace BBScore.Tests.Models;

public sealed class AutoBatchSizeTests
{
    // Two modules of 1,000 floats, one of 500 that shares a tensor with the first (an alias): 2,000 floats live.
    static readonly LayerInfo[] Layers =
    [
        new("block1", [10, 10, 10], [], "t1"),
        new("block1.relu", [10, 10, 10], [], "t1"),
        new("block2", [1000], [], "t2"),
        new("pool", null, [], "t3"),
    ];

    [Fact]
    public void FitsAQuarterOfMemoryCountingRequestedLayersTwiceMore()
    {
        // Per stimulus: (2,000 live + 2 x 1,000 kept) x 4 bytes = 16,000 bytes; a quarter of 160,000 bytes holds 2.5.
        Assert.Equal(2, AutoBatchSize.Choose(Layers, ["block2"], 160_000));
        Assert.Equal(5, AutoBatchSize.Choose(Layers, ["block2"], 320_000));
    }

    [Fact]
    public void StaysBetweenOneAndTheLargest()
    {
        Assert.Equal(1, AutoBatchSize.Choose(Layers, ["block2"], 1_000));
        Assert.Equal(AutoBatchSize.Largest, AutoBatchSize.Choose(Layers, ["block2"], 1L << 40));
    }

    [Fact]
    public void CountsEveryFrameOfAClipAsAnInput()
    {
        // 30 frames per clip: 30 x 16,000 bytes per clip; a quarter of 4,800,000 bytes holds 2.5 clips, but the cap of
        // 16 inputs allows no more than one 30-frame clip (16 / 30 rounds down, and one is the floor).
        Assert.Equal(1, AutoBatchSize.Choose(Layers, ["block2"], 4_800_000, inputsPerStimulus: 30));
        Assert.Equal(1, AutoBatchSize.Choose(Layers, ["block2"], 1L << 40, inputsPerStimulus: 30));
        // 4 frames per clip: the cap is 16 / 4 = 4 clips, and memory would hold more.
        Assert.Equal(4, AutoBatchSize.Choose(Layers, ["block2"], 1L << 40, inputsPerStimulus: 4));
        // Memory binds first: a quarter of 320,000 bytes is 5 images, one clip of 4 frames.
        Assert.Equal(1, AutoBatchSize.Choose(Layers, ["block2"], 320_000, inputsPerStimulus: 4));
    }
}
