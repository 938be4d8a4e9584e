using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Progress;
using BBScore.Stimuli;
using BBScore.Stimuli.Video;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>Physion's frame rules (the original's decord sampling): detection every round(fps/10)-th frame, the first
/// 40 (where the original's float slice <c>frames[:40.0]</c> raised a TypeError once a clip gave more than 40, we cut
/// to 40), prediction every round(fps/25)-th, the first 11; both pad with the last frame.</summary>
public class PhysionFrameSamplingTests
{
    static VideoStimulus Numbered(int count, double fps) =>
        new(Enumerable.Range(0, count).Select(i => new RgbImage(1, 1, [(byte)i, 0, 0])).ToArray(), fps);

    static int[] Indices(VideoStimulus clip) => clip.Frames.Select(f => (int)f.Pixels[0]).ToArray();

    static int[] Expect(int interval, int available, int frames) =>
        Enumerable.Range(0, frames).Select(i => Math.Min(i, available - 1) * interval).ToArray();

    [Theory]
    [InlineData(30.0, 150, 3, 50)]  // 5 s at 30 fps: 50 sampled, cut to the first 40 (the original's TypeError)
    [InlineData(20.0, 20, 2, 10)]   // 1 s: 10 sampled, the last (frame 18) repeated 30 times
    [InlineData(25.0, 50, 2, 25)]   // round(2.5) = 2 (halves to even)
    [InlineData(8.0, 8, 1, 8)]      // slower than 10 fps: every frame
    public void Detection_takes_every_interval_th_frame_the_first_40_and_repeats_the_last(double fps, int frames, int interval, int available)
    {
        var rule = PhysionMode.Detection.Sampling;
        Assert.Equal(interval, rule.Interval(fps));
        var sampled = rule.Sample(Numbered(frames, fps));
        Assert.Equal(Expect(interval, available, 40), Indices(sampled));
        Assert.Equal(10, sampled.Fps);
    }

    [Theory]
    [InlineData(30.0, 150, 1)]  // round(1.2) = 1
    [InlineData(20.0, 20, 1)]   // round(0.8) = 1
    [InlineData(60.0, 60, 2)]   // round(2.4) = 2: frames 0, 2, ..., 20
    [InlineData(62.5, 60, 2)]   // round(2.5) = 2
    [InlineData(8.0, 8, 1)]     // 8 frames: 0..7, then 7 three times
    public void Prediction_takes_the_first_11_frames_at_25_fps(double fps, int frames, int interval)
    {
        var rule = PhysionMode.Prediction.Sampling;
        Assert.Equal(interval, rule.Interval(fps));
        var sampled = rule.Sample(Numbered(frames, fps));
        Assert.Equal(Expect(interval, (frames + interval - 1) / interval, 11), Indices(sampled));
        Assert.Equal(25, sampled.Fps);
    }

    [Theory]
    [InlineData("Detection")]
    [InlineData("Prediction")]
    public void Each_fixture_clip_decodes_to_the_modes_frames_taken_at_the_rules_indices(string modeName)
    {
        var mode = PhysionMode.All.Single(m => m.Name == modeName);
        using var dir = new TempDir();
        using var fixture = new PhysionFixture();
        var data = PhysionBenchmarks.Load(new DataHome(dir.Path), new PhysionSplit(mode, PhysionTask.Contact, false), SilentProgress.Instance,
            fixture.Files, options: DownloaderTests.FastOptions);
        var clips = PhysionFixture.Expected[modeName]!["clips"]!;
        var set = Assert.IsType<PhysionStimulusSet>(data.TrainStimuli);
        string folder = Path.Combine(dir.Path, "datasets", mode.Folder, mode.ClipsFolder);
        for (int i = 0; i < set.Count; i++)
        {
            var sampled = Assert.IsType<VideoStimulus>(set.Load(i));
            var source = VideoFileDecoder.Decode(Path.Combine(folder, set.Items[i].Filename));
            var info = clips[set.Ids[i]]!;
            Assert.Equal(info["frames"]!.GetValue<int>(), source.Frames.Count);
            Assert.Equal(info["fps"]!.GetValue<int>(), source.Fps, 3);
            Assert.Equal(mode.Sampling.Frames, sampled.Frames.Count);
            Assert.Equal(mode.Sampling.TargetFps, sampled.Fps);
            var indices = mode.Sampling.Indices(source.Frames.Count, source.Fps);
            for (int f = 0; f < indices.Length; f++)
                Assert.Equal(source.Frames[indices[f]].Pixels, sampled.Frames[f].Pixels);
        }
    }

    [Fact]
    public void The_rule_is_part_of_the_content_hash()
    {
        Assert.NotEqual(PhysionMode.Detection.Sampling.Description, PhysionMode.Prediction.Sampling.Description);
        Assert.Equal("every round(fps/10)-th frame, 30 at 10 fps", BBScore.Datasets.Bmd.BmdFrameSampling.Rule.Description); // BMD's cache keys unchanged
    }
}
