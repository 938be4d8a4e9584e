using BBScore.Stimuli;
using BBScore.Stimuli.Video;

namespace BBScore.Tests.Inputs;

/// <summary>The frame-count rules of clip models: re-time, then linspace subsample or repeat the last frame.</summary>
public class ClipSamplingTests
{
    static RgbImage[] Frames(int count) => Enumerable.Range(0, count).Select(i => new RgbImage(1, 1, [(byte)i, 0, 0])).ToArray();

    static int[] Indices(IReadOnlyList<RgbImage> frames) => frames.Select(f => (int)f.Pixels[0]).ToArray();

    [Theory]
    [InlineData(10, 4, new[] { 0, 3, 6, 9 })]
    [InlineData(8, 4, new[] { 0, 2, 4, 7 })] // linspace 0, 2.33, 4.67, 7 truncated
    [InlineData(5, 1, new[] { 0 })]
    [InlineData(2, 5, new[] { 0, 1, 1, 1, 1 })]
    [InlineData(3, 3, new[] { 0, 1, 2 })]
    public void FitCountSubsamplesOrRepeatsTheLastFrame(int available, int count, int[] expected) =>
        Assert.Equal(expected, Indices(ClipSampling.FitCount(Frames(available), count)));

    [Fact]
    public void RetimingPicksTheFrameOnScreenAtEachNewTick()
    {
        var clip = new VideoStimulus(Frames(30), 30); // 1 s
        Assert.Equal([0, 5, 10, 15, 20, 25], Indices(ClipSampling.Retime(clip, 6)));
        Assert.Equal(60, ClipSampling.Retime(clip, 60).Count); // up-sampling repeats frames
        Assert.Equal([0, 0, 1, 1, 2], Indices(ClipSampling.Retime(clip, 60)).Take(5));
    }

    [Fact]
    public void AnImageBecomesAStillClipAndTextIsRefused()
    {
        var image = new RgbImage(1, 1, [9, 0, 0]);
        Assert.Equal([9, 9, 9], Indices(ClipSampling.ForModel(new ImageStimulus(image), 6.25, 3)));
        Assert.Throws<NotSupportedException>(() => ClipSampling.ForModel(new TextStimulus("hello"), null, 3));
    }
}
