using BBScore.Datasets.Bmd;
using BBScore.Stimuli;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;

namespace BBScore.Tests.Bmd;

/// <summary>BMD clips: the original's decord sampling (every round(fps/10)-th frame, 30 of them, last repeated) and the
/// split layout of the extracted stimulus zip.</summary>
public class BmdStimulusSetTests
{
    /// <summary>A clip of <paramref name="count"/> distinguishable 1×1 frames (frame i has red = i).</summary>
    static VideoStimulus Numbered(int count, double fps) =>
        new(Enumerable.Range(0, count).Select(i => new RgbImage(1, 1, [(byte)i, 0, 0])).ToArray(), fps);

    static int[] Indices(VideoStimulus clip) => clip.Frames.Select(f => (int)f.Pixels[0]).ToArray();

    [Theory]
    [InlineData(30.0, 90, 3)]   // 3 s at 30 fps: every 3rd frame
    [InlineData(25.0, 75, 2)]   // round(2.5) = 2, as Python rounds halves to even
    [InlineData(15.0, 45, 2)]   // round(1.5) = 2
    [InlineData(8.0, 24, 1)]    // slower than 10 fps: every frame
    [InlineData(0.0, 90, 3)]    // no rate in the file: the 30 fps fallback
    public void Every_interval_th_frame_from_the_first_then_the_last_repeated(double fps, int frames, int interval)
    {
        var sampled = BmdFrameSampling.Sample(Numbered(frames, fps));
        Assert.Equal(BmdFrameSampling.Interval(fps), interval);
        var available = Enumerable.Range(0, (frames + interval - 1) / interval).Select(i => i * interval).ToArray();
        var expected = Enumerable.Range(0, 30).Select(i => available[Math.Min(i, available.Length - 1)]).ToArray();
        Assert.Equal(expected, Indices(sampled));
        Assert.Equal(10, sampled.Fps);
    }

    [Fact]
    public void Clips_are_read_from_the_extracted_zip_in_the_splits_order_and_sampled_to_30_frames()
    {
        using var dir = new TempDir();
        string clips = Path.Combine(dir.Path, BmdStimulusSet.ClipsFolder);
        foreach (string id in new[] { "0001", "0002", "1001" })
            VideoFileDecoderTests.WriteTestClip(clips, id + ".mp4", seconds: 3, fps: 30, seed: id == "0002" ? 1 : 0);

        var train = new BmdStimulusSet(dir.Path, train: true, count: 2);
        var test = new BmdStimulusSet(dir.Path, train: false, count: 1);
        Assert.Equal(["0001", "0002"], train.Ids);
        Assert.Equal(["1001"], test.Ids);
        Assert.NotEqual(train.ContentHash, new BmdStimulusSet(dir.Path, train: true, count: 1).ContentHash);
        var clip = Assert.IsType<VideoStimulus>(train.Load(1));
        Assert.Equal(30, clip.Frames.Count);
        Assert.Equal(10, clip.Fps);
    }

    [Fact]
    public void A_missing_clip_is_named_with_the_command_that_fetches_the_clips()
    {
        using var dir = new TempDir();
        VideoFileDecoderTests.WriteTestClip(Path.Combine(dir.Path, BmdStimulusSet.ClipsFolder), "0001.mp4", seconds: 1);
        var e = Assert.Throws<FileNotFoundException>(() => new BmdStimulusSet(dir.Path, train: true, count: 3));
        Assert.Contains("2 of 3 clips are missing", e.Message);
        Assert.Contains("0002.mp4", e.Message);
        Assert.Contains("bbscore download", e.Message);
    }
}
